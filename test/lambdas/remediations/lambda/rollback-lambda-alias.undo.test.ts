import { GetAliasCommand, LambdaClient, ListVersionsByFunctionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { rollbackLambdaAlias } from '../../../../lambdas/remediations/lambda/rollback-lambda-alias';
import { ParamsError } from '../../../../lambdas/core/params';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { context, expectChange, expectNoOp, lambdaTarget, NOW } from '../fixtures';
import { expectOnlyReads } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);
const ctx = () => context(lambdaTarget());

function givenAlias(functionVersion: string, weights?: Record<string, number>) {
  const routing = weights === undefined ? {} : { RoutingConfig: { AdditionalVersionWeights: weights } };
  lambdaMock.on(GetAliasCommand).resolves({ Name: 'prod', FunctionVersion: functionVersion, ...routing });
}

/** Rolls rung-api-prod:prod back as the responder would: version 3 was published 20 minutes ago. */
async function rolledBack(aliasVersion: string, weights?: Record<string, number>): Promise<AppliedAction> {
  givenAlias(aliasVersion, weights);
  const published = (v: string, minutesAgo: number) => ({ Version: v, LastModified: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString() });
  lambdaMock.on(ListVersionsByFunctionCommand).resolves({ Versions: [published('1', 9000), published('2', 5000), published('3', 20)] });
  lambdaMock.on(UpdateAliasCommand).resolves({ FunctionVersion: '2' });
  const c = ctx();
  const plan = expectChange(await rollbackLambdaAlias.plan(c));
  const action = appliedAction(plan, await applyChange(rollbackLambdaAlias, plan, c));
  lambdaMock.reset();
  return action;
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('rollback-lambda-alias undo', () => {
  it('points the alias back at the version it served, reading only, and apply updates exactly that', async () => {
    const action = await rolledBack('3');
    givenAlias('2');
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(rollbackLambdaAlias, action, c));

    expect(plan.summary).toBe('undo: point alias rung-api-prod:prod back from version 2 to version 3');
    expect(plan.before).toEqual({ aliasVersion: '2', additionalVersionWeights: {} });
    expect(plan.after).toEqual({ aliasVersion: '3', additionalVersionWeights: {} });
    expectOnlyReads(c);

    lambdaMock.on(UpdateAliasCommand).resolves({ FunctionVersion: '3' });
    const result = await applyUndo(rollbackLambdaAlias, plan, c);
    expect(inputsOf(lambdaMock.commandCalls(UpdateAliasCommand))).toEqual([
      { FunctionName: 'rung-api-prod', Name: 'prod', FunctionVersion: '3', RoutingConfig: { AdditionalVersionWeights: {} } },
    ]);
    expect(result).toEqual({ after: { aliasVersion: '3', additionalVersionWeights: {} }, summary: 'alias rung-api-prod:prod now serves version 3' });
  });

  it('restores the weighted routing of an interrupted shift, and says nothing drives it on', async () => {
    const action = await rolledBack('2', { '3': 0.1 });
    givenAlias('2');
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(rollbackLambdaAlias, action, c));

    expect(plan.summary).toBe(
      'undo: restore the weighted routing of alias rung-api-prod:prod, serving version 2 (10% to version 3): the weighted shift resumes where it stood, with nothing driving it on',
    );
    lambdaMock.on(UpdateAliasCommand).resolves({ FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '3': 0.1 } } });
    await applyUndo(rollbackLambdaAlias, plan, c);
    expect(inputsOf(lambdaMock.commandCalls(UpdateAliasCommand))).toEqual([
      { FunctionName: 'rung-api-prod', Name: 'prod', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: { '3': 0.1 } } },
    ]);
  });

  it.each([
    ['another version', '4', undefined, 'version 4'],
    ['a new weighted shift', '2', { '4': 0.25 }, 'version 2 (25% to version 4)'],
  ])('refuses when the alias moved on since (%s)', async (_, version, weights, shown) => {
    const action = await rolledBack('3');
    givenAlias(version, weights);
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(rollbackLambdaAlias, action, c));

    expect(plan.reason).toContain(`alias rung-api-prod:prod is now ${shown}, not the version 2 the action left`);
    expectOnlyReads(c);
  });

  it('plans nothing when the alias is already back', async () => {
    const action = await rolledBack('2', { '3': 0.1 });
    givenAlias('2', { '3': 0.1 });

    const plan = expectNoOp(await planUndo(rollbackLambdaAlias, action, freshCalls(ctx())));

    expect(plan.reason).toBe('alias rung-api-prod:prod is already back at version 2 (10% to version 3), its value before the action: nothing to undo');
  });

  it('fails on a record without the earlier routing', async () => {
    const action = await rolledBack('3');

    const record = { ...action, before: { aliasVersion: '3' } };

    await expect(planUndo(rollbackLambdaAlias, record, freshCalls(ctx()))).rejects.toThrow(ParamsError);
  });
});
