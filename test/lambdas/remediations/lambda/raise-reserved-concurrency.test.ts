import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { raiseReservedConcurrency } from '../../../../lambdas/remediations/lambda/raise-reserved-concurrency';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { awsError, context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);

function givenState(opts: { reserved?: number; unreserved?: number } = {}) {
  lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: opts.reserved });
  lambdaMock.on(GetAccountSettingsCommand).resolves({ AccountLimit: { UnreservedConcurrentExecutions: opts.unreserved ?? 800 } });
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('raise-reserved-concurrency plan', () => {
  it('raises an existing reservation by one step', async () => {
    givenState({ reserved: 20 });
    const ctx = context(lambdaTarget());

    const plan = expectChange(await raiseReservedConcurrency.plan(ctx));

    expect(plan.resource).toBe('rung-api-prod');
    expect(plan.summary).toBe('raise reserved concurrency of rung-api-prod from 20 to 30');
    expect(plan.before).toEqual({ reservedConcurrency: 20, unreservedAccountConcurrency: 800 });
    expect(plan.after).toEqual({ reservedConcurrency: 30 });
    expect(plan.params).toEqual({ functionName: 'rung-api-prod', reservedConcurrency: 30 });
    expect(lambdaMock).toHaveReceivedCommandWith(GetFunctionConcurrencyCommand, { FunctionName: 'rung-api-prod' });
  });

  it('makes only read calls', async () => {
    givenState({ reserved: 20 });
    const ctx = context(lambdaTarget());

    await raiseReservedConcurrency.plan(ctx);

    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
    expect(ctx.calls.map((c) => c.operation)).toEqual(['GetFunctionConcurrency', 'GetAccountSettings']);
    expect(ctx.calls.every((c) => !c.mutating)).toBe(true);
  });

  it('plans nothing where the function has no reservation, since creating one would cap it', async () => {
    givenState();
    const ctx = context(lambdaTarget());

    const plan = expectNoOp(await raiseReservedConcurrency.plan(ctx));

    expect(plan.reason).toBe('no reserved concurrency: creating one would cap the function below the unreserved pool');
    expect(plan.before).toEqual({ reservedConcurrency: null });
    expect(lambdaMock).not.toHaveReceivedCommand(GetAccountSettingsCommand);
  });

  it('leaves a function throttled to 0 switched off', async () => {
    givenState({ reserved: 0 });

    const plan = expectNoOp(await raiseReservedConcurrency.plan(context(lambdaTarget())));

    expect(plan.reason).toBe('reserved concurrency of rung-api-prod is 0: the function has been throttled on purpose, so it is left off');
  });

  it('stops at the configured cap and says so', async () => {
    givenState({ reserved: 95 });

    const plan = expectChange(await raiseReservedConcurrency.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ reservedConcurrency: 100 });
    expect(plan.summary).toContain('(limited by the configured cap maxReservedConcurrency (100))');
  });

  it('plans nothing when already at the configured cap', async () => {
    givenState({ reserved: 40 });

    const plan = expectNoOp(await raiseReservedConcurrency.plan(context(lambdaTarget({ caps: { maxReservedConcurrency: 40 } }))));

    expect(plan.reason).toBe('reserved concurrency of rung-api-prod is 40, already at the configured cap maxReservedConcurrency (40)');
  });

  it('counts its own reservation back when leaving 100 of the account unreserved', async () => {
    // 105 unreserved + the 20 this function holds - 100 = 25.
    givenState({ reserved: 20, unreserved: 105 });

    const plan = expectChange(await raiseReservedConcurrency.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ reservedConcurrency: 25 });
    expect(plan.summary).toContain(
      'limited by the account limit (105 unreserved + 20 this function already holds - 100 AWS keeps unreserved = 25)',
    );
  });

  it('plans nothing when the account has exactly 100 unreserved', async () => {
    givenState({ reserved: 20, unreserved: 100 });

    const plan = expectNoOp(await raiseReservedConcurrency.plan(context(lambdaTarget())));

    expect(plan.reason).toBe(
      'reserved concurrency of rung-api-prod is 20, already at the account limit (100 unreserved + 20 this function already holds - 100 AWS keeps unreserved = 20)',
    );
  });

  it('plans nothing when the account does not report its unreserved concurrency', async () => {
    givenState({ reserved: 20 });
    lambdaMock.on(GetAccountSettingsCommand).resolves({});

    const plan = expectNoOp(await raiseReservedConcurrency.plan(context(lambdaTarget())));

    expect(plan.reason).toContain('the account limit cannot be checked');
    expect(plan.before).toEqual({ reservedConcurrency: 20, unreservedAccountConcurrency: null });
  });
});

describe('raise-reserved-concurrency apply', () => {
  it('puts the planned reservation and reports what AWS set', async () => {
    givenState({ reserved: 20 });
    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 30 });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await raiseReservedConcurrency.plan(ctx));

    const result = await applyChange(raiseReservedConcurrency, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(PutFunctionConcurrencyCommand, 1);
    expect(lambdaMock).toHaveReceivedCommandWith(PutFunctionConcurrencyCommand, { FunctionName: 'rung-api-prod', ReservedConcurrentExecutions: 30 });
    expect(result.after).toEqual({ reservedConcurrency: 30 });
    expect(ctx.calls.at(-1)).toEqual({ service: 'lambda', operation: 'PutFunctionConcurrency', mutating: true, ok: true, attempts: 1 });
  });

  it('fails when access is denied, and records the failed call', async () => {
    givenState({ reserved: 20 });
    lambdaMock.on(PutFunctionConcurrencyCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const ctx = context(lambdaTarget());
    const plan = expectChange(await raiseReservedConcurrency.plan(ctx));

    await expect(applyChange(raiseReservedConcurrency, plan, ctx)).rejects.toThrow('not authorized');

    expect(lambdaMock).toHaveReceivedCommandTimes(PutFunctionConcurrencyCommand, 1);
    expect(ctx.calls.at(-1)).toMatchObject({ operation: 'PutFunctionConcurrency', mutating: true, ok: false, error: 'AccessDeniedException: not authorized' });
  });
});
