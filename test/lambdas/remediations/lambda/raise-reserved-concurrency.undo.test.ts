import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { raiseReservedConcurrency } from '../../../../lambdas/remediations/lambda/raise-reserved-concurrency';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { expectOnlyReads } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);
const ctx = () => context(lambdaTarget());

/** The function's reservation now: `undefined` for none. */
const givenReserved = (reserved: number | undefined) => lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: reserved });

/** Raises rung-api-prod's reservation from 20 by the default step of 10, as the responder would. */
async function raised(): Promise<AppliedAction> {
  givenReserved(20);
  lambdaMock.on(GetAccountSettingsCommand).resolves({ AccountLimit: { UnreservedConcurrentExecutions: 900 } });
  lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 30 });
  const c = ctx();
  const plan = expectChange(await raiseReservedConcurrency.plan(c));
  const action = appliedAction(plan, await applyChange(raiseReservedConcurrency, plan, c));
  lambdaMock.reset();
  return action;
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('raise-reserved-concurrency undo', () => {
  it('plans the earlier reservation back, reading only, and apply puts exactly that', async () => {
    const action = await raised();
    givenReserved(30);
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(raiseReservedConcurrency, action, c));

    expect(plan.summary).toBe('undo: lower reserved concurrency of rung-api-prod from 30 back to 20');
    expect(plan.resource).toBe('rung-api-prod');
    expect(plan.before).toEqual({ reservedConcurrency: 30 });
    expect(plan.after).toEqual({ reservedConcurrency: 20 });
    expectOnlyReads(c);
    expect(c.calls.map((call) => call.operation)).toEqual(['GetFunctionConcurrency']);

    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
    const result = await applyUndo(raiseReservedConcurrency, plan, c);
    expect(inputsOf(lambdaMock.commandCalls(PutFunctionConcurrencyCommand))).toEqual([{ FunctionName: 'rung-api-prod', ReservedConcurrentExecutions: 20 }]);
    expect(result.after).toEqual({ reservedConcurrency: 20 });
  });

  it.each([
    ['raised further', 50, '50'],
    ['lowered by someone', 25, '25'],
    ['removed', undefined, 'none'],
  ])('refuses when the reservation was %s since', async (_, now, shown) => {
    const action = await raised();
    givenReserved(now);
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(raiseReservedConcurrency, action, c));

    expect(plan.reason).toContain(`reserved concurrency of rung-api-prod is now ${shown}, not the 30 the action left`);
    expect(plan.before).toEqual({ reservedConcurrency: now ?? null });
    expectOnlyReads(c);
  });

  it('plans nothing when already back at the earlier value', async () => {
    const action = await raised();
    givenReserved(20);

    const plan = expectNoOp(await planUndo(raiseReservedConcurrency, action, freshCalls(ctx())));

    expect(plan.reason).toBe('reserved concurrency of rung-api-prod is already back at 20, its value before the action: nothing to undo');
  });
});
