import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { doubleLambdaMemory } from '../../../../lambdas/remediations/lambda/double-lambda-memory';
import { doubleLambdaTimeout } from '../../../../lambdas/remediations/lambda/double-lambda-timeout';
import type { Remediation } from '../../../../lambdas/core/remediation';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { awsError, context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { expectOnlyReads } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';
import { lambdaMock } from './lambda-mock';

// The function without alias; the alias path's undo is in double-lambda-alias-undo-suite.ts.
const ctx = () => context(lambdaTarget({ props: { alias: undefined } }));

export interface Case {
  readonly remediation: Remediation<'lambda'>;
  readonly label: string;
  readonly unit: string;
  readonly key: 'memoryMb' | 'timeoutSeconds';
  readonly config: (value: number) => FunctionConfiguration;
  readonly request: (value: number) => object;
  /** Before the doubling, after it, and a value someone set since. */
  readonly values: readonly [number, number, number];
}

export const CASES: readonly Case[] = [
  {
    remediation: doubleLambdaMemory,
    label: 'memory size',
    unit: 'MB',
    key: 'memoryMb',
    config: (MemorySize) => ({ MemorySize }),
    request: (MemorySize) => ({ FunctionName: 'rung-api-prod', MemorySize }),
    values: [256, 512, 1024],
  },
  {
    remediation: doubleLambdaTimeout,
    label: 'timeout',
    unit: 's',
    key: 'timeoutSeconds',
    config: (Timeout) => ({ Timeout }),
    request: (Timeout) => ({ FunctionName: 'rung-api-prod', Timeout }),
    values: [3, 6, 30],
  },
];

function givenConfig(c: Case, value: number, state: FunctionConfiguration['State'] = 'Active') {
  lambdaMock.on(GetFunctionConfigurationCommand).resolves({ ...c.config(value), State: state, LastUpdateStatus: 'Successful' });
}

/** Doubles the setting as the responder would. */
async function doubled(c: Case): Promise<AppliedAction> {
  givenConfig(c, c.values[0]);
  lambdaMock.on(UpdateFunctionConfigurationCommand).resolves({ ...c.config(c.values[1]), LastUpdateStatus: 'InProgress' });
  const context = ctx();
  const plan = expectChange(await c.remediation.plan(context));
  const action = appliedAction(plan, await applyChange(c.remediation, plan, context));
  lambdaMock.reset();
  return action;
}


/** The undo of a doubling on `$LATEST` (a function without alias), for one of the two settings. */
export function unqualifiedUndoTests(c: Case): void {
    const [previous, left, other] = c.values;

  it('plans the earlier value back, reading only, and apply updates exactly that', async () => {
    const action = await doubled(c);
    givenConfig(c, left);
    const context = freshCalls(ctx());

    const plan = expectChange(await planUndo(c.remediation, action, context));

    expect(plan.summary).toBe(`undo: lower ${c.label} of rung-api-prod from ${left} back to ${previous} ${c.unit}`);
    expect(plan.before).toEqual({ [c.key]: left, state: 'Active', lastUpdateStatus: 'Successful' });
    expect(plan.after).toEqual({ [c.key]: previous });
    expectOnlyReads(context);

    // A conflict means an update still runs: retried, since the value is absolute.
    lambdaMock.on(UpdateFunctionConfigurationCommand).rejectsOnce(awsError('ResourceConflictException')).resolves(c.config(previous));
    const result = await applyUndo(c.remediation, plan, context);
    expect(inputsOf(lambdaMock.commandCalls(UpdateFunctionConfigurationCommand))).toEqual([c.request(previous), c.request(previous)]);
    expect(result.after).toMatchObject({ [c.key]: previous });
  });

  it('refuses when the value moved on since', async () => {
    const action = await doubled(c);
    givenConfig(c, other);
    const context = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(c.remediation, action, context));

    expect(plan.reason).toContain(`${c.label} of rung-api-prod is now ${other} ${c.unit}, not the ${left} ${c.unit} the action left`);
    expectOnlyReads(context);
  });

  it('plans nothing when already back at the earlier value', async () => {
    const action = await doubled(c);
    givenConfig(c, previous);

    const plan = expectNoOp(await planUndo(c.remediation, action, freshCalls(ctx())));

    expect(plan.reason).toBe(`${c.label} of rung-api-prod is already back at ${previous} ${c.unit}, its value before the action: nothing to undo`);
  });

  it('waits while the function is not in a state that takes updates', async () => {
    const action = await doubled(c);
    givenConfig(c, left, 'Pending');

    const plan = expectNoOp(await planUndo(c.remediation, action, freshCalls(ctx())));

    expect(plan.reason).toBe(`rung-api-prod is in state Pending, not Active or Inactive: its ${c.label} cannot be restored now`);
  });
}
