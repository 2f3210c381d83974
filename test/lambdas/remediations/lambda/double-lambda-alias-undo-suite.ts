import {
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { expectNoLambdaChange, functionConfig, givenAlias, givenConfigs, type AliasCase } from './double-lambda-alias-fixtures';
import { context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { expectOnlyReads } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';
import { lambdaMock } from './lambda-mock';

const ctx = () => context(lambdaTarget());

/** Doubles the setting through alias prod as the responder would: version 8 published, alias moved from 7. */
async function doubledThroughAlias(c: AliasCase): Promise<AppliedAction> {
  const [served, doubled] = c.values;
  const config = (value: number, more: FunctionConfiguration = {}) => functionConfig({ [c.field]: value, ...more });
  givenAlias(lambdaMock);
  givenConfigs(lambdaMock, config(served), config(served), config(doubled));
  lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(config(doubled, { LastUpdateStatus: 'InProgress' }));
  lambdaMock.on(PublishVersionCommand).resolves(config(doubled, { Version: '8' }));
  lambdaMock.on(UpdateAliasCommand).resolves({ FunctionVersion: '8' });
  const context = ctx();
  const plan = expectChange(await c.remediation.plan(context));
  const action = appliedAction(plan, await applyChange(c.remediation, plan, context));
  lambdaMock.reset();
  return action;
}

/** The state the undo finds: where the alias points, and `$LATEST`'s value. */
function given(c: AliasCase, aliasVersion: string, latest: number, more: FunctionConfiguration = {}, weights?: Record<string, number>): void {
  givenAlias(lambdaMock, { FunctionVersion: aliasVersion, RevisionId: 'alias-revision-2', ...(weights ? { RoutingConfig: { AdditionalVersionWeights: weights } } : {}) });
  givenConfigs(lambdaMock, functionConfig(), functionConfig({ [c.field]: latest, ...more }));
}


/** The undo of a doubling through alias prod, for one of the two settings. */
export function aliasUndoTests(c: AliasCase): void {
    const [served, doubled, other] = c.values;

  it('moves the alias back to version 7 and puts $LATEST back, reading only to plan', async () => {
    const action = await doubledThroughAlias(c);
    given(c, '8', doubled);
    const context = freshCalls(ctx());

    const plan = expectChange(await planUndo(c.remediation, action, context));

    expect(plan.summary).toBe(
      `undo: point alias rung-api-prod:prod back from version 8 to version 7 (${c.label} ${served} ${c.unit}), ` +
        `and lower ${c.label} of $LATEST from ${doubled} back to ${served} ${c.unit}`,
    );
    expect(plan.after).toEqual({ aliasVersion: '7', [c.key]: served, [c.latestKey]: served });
    expectOnlyReads(context);
    expectNoLambdaChange(lambdaMock);

    lambdaMock.on(UpdateAliasCommand).resolves({ FunctionVersion: '7' });
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(functionConfig({ [c.field]: served }));
    const result = await applyUndo(c.remediation, plan, context);

    expect(inputsOf(lambdaMock.commandCalls(UpdateAliasCommand))).toEqual([
      { FunctionName: 'rung-api-prod', Name: 'prod', FunctionVersion: '7', RevisionId: 'alias-revision-2' },
    ]);
    expect(inputsOf(lambdaMock.commandCalls(UpdateFunctionConfigurationCommand))).toEqual([{ FunctionName: 'rung-api-prod', [c.field]: served }]);
    expect(lambdaMock).not.toHaveReceivedCommand(PublishVersionCommand);
    expect(result.after).toEqual({ aliasVersion: '7', [c.latestKey]: served });
  });

  it('moves the alias back but leaves $LATEST when someone changed it since', async () => {
    const action = await doubledThroughAlias(c);
    given(c, '8', other);
    const context = freshCalls(ctx());

    const plan = expectChange(await planUndo(c.remediation, action, context));

    expect(plan.summary).toContain(`; $LATEST is left at ${other} ${c.unit}, not the ${doubled} ${c.unit} the action set (changed since)`);
    lambdaMock.on(UpdateAliasCommand).resolves({ FunctionVersion: '7' });
    const result = await applyUndo(c.remediation, plan, context);

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateAliasCommand, 1);
    expect(lambdaMock).not.toHaveReceivedCommand(UpdateFunctionConfigurationCommand);
    expect(result.after).toEqual({ aliasVersion: '7' });
  });

  it('refuses when the alias moved on since (a later deployment)', async () => {
    const action = await doubledThroughAlias(c);
    given(c, '9', doubled);
    const context = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(c.remediation, action, context));

    expect(plan.reason).toContain('alias rung-api-prod:prod is now version 9, not the version 8 the action left');
    expectOnlyReads(context);
  });

  it('refuses during a canary from the published version', async () => {
    const action = await doubledThroughAlias(c);
    given(c, '8', doubled, {}, { '9': 0.1 });

    const plan = expectNoOp(await planUndo(c.remediation, action, freshCalls(ctx())));

    expect(plan.reason).toContain('alias rung-api-prod:prod is now version 8 with weighted routing to 9, not the version 8 the action left');
  });

  it('plans nothing when the alias is already back at version 7', async () => {
    const action = await doubledThroughAlias(c);
    given(c, '7', doubled);

    const plan = expectNoOp(await planUndo(c.remediation, action, freshCalls(ctx())));

    expect(plan.reason).toBe('alias rung-api-prod:prod is already back at version 7, its value before the action: nothing to undo');
  });
}
