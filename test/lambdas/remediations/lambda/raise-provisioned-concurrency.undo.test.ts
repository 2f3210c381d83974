import {
  DeleteProvisionedConcurrencyConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  ProvisionedConcurrencyConfigNotFoundException,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { raiseProvisionedConcurrency } from '../../../../lambdas/remediations/lambda/raise-provisioned-concurrency';
import { ParamsError } from '../../../../lambdas/core/params';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { awsError, context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { expectOnlyReads } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);
const ctx = () => context(lambdaTarget());
const notFound = () => new ProvisionedConcurrencyConfigNotFoundException({ message: 'No Provisioned Concurrency Config found', $metadata: {} });

/** The alias's configuration now: `undefined` for none. */
function givenProvisioned(requested: number | undefined) {
  if (requested === undefined) lambdaMock.on(GetProvisionedConcurrencyConfigCommand).rejects(notFound());
  else lambdaMock.on(GetProvisionedConcurrencyConfigCommand).resolves({ RequestedProvisionedConcurrentExecutions: requested, Status: 'READY' });
}

/** Raises rung-api-prod:prod from `from` (undefined: no configuration) by the default step of 2, as the responder would. */
async function raised(from: number | undefined): Promise<AppliedAction> {
  givenProvisioned(from);
  lambdaMock.on(GetFunctionConcurrencyCommand).resolves({});
  lambdaMock.on(GetAccountSettingsCommand).resolves({ AccountLimit: { UnreservedConcurrentExecutions: 900 } });
  lambdaMock.on(PutProvisionedConcurrencyConfigCommand).resolves({ Status: 'IN_PROGRESS' });
  const c = ctx();
  const plan = expectChange(await raiseProvisionedConcurrency.plan(c));
  const action = appliedAction(plan, await applyChange(raiseProvisionedConcurrency, plan, c));
  lambdaMock.reset();
  return action;
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('raise-provisioned-concurrency undo', () => {
  it('plans the earlier value back, reading only, and apply puts exactly that', async () => {
    const action = await raised(2);
    givenProvisioned(4);
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(raiseProvisionedConcurrency, action, c));

    expect(plan.summary).toBe('undo: lower provisioned concurrency on rung-api-prod:prod from 4 back to 2');
    expect(plan.before).toEqual({ provisionedConcurrency: 4, status: 'READY' });
    expect(plan.after).toEqual({ provisionedConcurrency: 2 });
    expectOnlyReads(c);
    expect(lambdaMock).not.toHaveReceivedCommand(PutProvisionedConcurrencyConfigCommand);

    lambdaMock.on(PutProvisionedConcurrencyConfigCommand).resolves({ Status: 'IN_PROGRESS' });
    const result = await applyUndo(raiseProvisionedConcurrency, plan, c);
    expect(inputsOf(lambdaMock.commandCalls(PutProvisionedConcurrencyConfigCommand))).toEqual([
      { FunctionName: 'rung-api-prod', Qualifier: 'prod', ProvisionedConcurrentExecutions: 2 },
    ]);
    expect(lambdaMock).not.toHaveReceivedCommand(DeleteProvisionedConcurrencyConfigCommand);
    expect(result.after).toEqual({ provisionedConcurrency: 2, status: 'IN_PROGRESS' });
  });

  it('deletes the configuration when the alias had none before the raise', async () => {
    const action = await raised(undefined);
    expect(action.before).toMatchObject({ provisionedConcurrency: 0 });
    givenProvisioned(2);
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(raiseProvisionedConcurrency, action, c));
    expect(plan.summary).toBe('undo: remove provisioned concurrency (2) from rung-api-prod:prod, which had none before');
    expectOnlyReads(c);

    lambdaMock.on(DeleteProvisionedConcurrencyConfigCommand).resolves({});
    const result = await applyUndo(raiseProvisionedConcurrency, plan, c);
    expect(inputsOf(lambdaMock.commandCalls(DeleteProvisionedConcurrencyConfigCommand))).toEqual([{ FunctionName: 'rung-api-prod', Qualifier: 'prod' }]);
    expect(lambdaMock).not.toHaveReceivedCommand(PutProvisionedConcurrencyConfigCommand);
    expect(result).toEqual({ after: { provisionedConcurrency: 0, status: null }, summary: 'removed provisioned concurrency from rung-api-prod:prod' });
    expect(c.calls.at(-1)).toMatchObject({ operation: 'DeleteProvisionedConcurrencyConfig', mutating: true, ok: true });
  });

  it('takes a configuration already gone at delete time as done', async () => {
    const action = await raised(undefined);
    givenProvisioned(2);
    const c = freshCalls(ctx());
    const plan = expectChange(await planUndo(raiseProvisionedConcurrency, action, c));
    lambdaMock.on(DeleteProvisionedConcurrencyConfigCommand).rejects(awsError('ResourceNotFoundException'));

    const result = await applyUndo(raiseProvisionedConcurrency, plan, c);

    expect(result.summary).toBe('rung-api-prod:prod already had no provisioned concurrency');
  });

  it('retries a put that meets an allocation in progress', async () => {
    const action = await raised(2);
    givenProvisioned(4);
    const c = freshCalls(ctx());
    const plan = expectChange(await planUndo(raiseProvisionedConcurrency, action, c));
    lambdaMock.on(PutProvisionedConcurrencyConfigCommand).rejectsOnce(awsError('ResourceConflictException')).resolves({ Status: 'IN_PROGRESS' });

    await applyUndo(raiseProvisionedConcurrency, plan, c);

    expect(c.calls.at(-1)).toMatchObject({ operation: 'PutProvisionedConcurrencyConfig', ok: true, attempts: 2 });
  });

  it.each([
    ['a higher value', 6, 'is now 6, not the 4 the action left'],
    ['no configuration', undefined, 'is now none, not the 4 the action left'],
  ])('refuses when the alias moved on since (%s)', async (_, now, expected) => {
    const action = await raised(2);
    givenProvisioned(now);
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(raiseProvisionedConcurrency, action, c));

    expect(plan.reason).toContain(`provisioned concurrency on rung-api-prod:prod ${expected}`);
    expect(plan.reason).toContain('restoring 2 could revert that later change');
    expectOnlyReads(c);
  });

  it.each([
    ['the earlier value', 2, 2, 'already back at 2'],
    ['no configuration', undefined, undefined, 'already back at none'],
  ])('plans nothing when already back at %s', async (_, from, now, expected) => {
    const action = await raised(from);
    givenProvisioned(now);

    const plan = expectNoOp(await planUndo(raiseProvisionedConcurrency, action, freshCalls(ctx())));

    expect(plan.reason).toBe(`provisioned concurrency on rung-api-prod:prod is ${expected}, its value before the action: nothing to undo`);
  });

  it('fails, before any call, on a record without the earlier value or of another remediation', async () => {
    const action = await raised(2);
    const c = freshCalls(ctx());

    await expect(planUndo(raiseProvisionedConcurrency, { ...action, before: {} }, c)).rejects.toThrow(ParamsError);
    await expect(planUndo(raiseProvisionedConcurrency, { ...action, before: {} }, c)).rejects.toThrow('before.provisionedConcurrency must be a non-negative integer, got nothing');
    await expect(planUndo(raiseProvisionedConcurrency, { ...action, remediation: 'raise-reserved-concurrency' }, c)).rejects.toThrow('was given a record of raise-reserved-concurrency');
    expect(c.calls).toEqual([]);
  });
});
