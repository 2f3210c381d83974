import {
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetProvisionedConcurrencyConfigCommand,
  LambdaClient,
  ProvisionedConcurrencyConfigNotFoundException,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { raiseProvisionedConcurrency } from '../../../../lambdas/remediations/lambda/raise-provisioned-concurrency';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { awsError, context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);

/** Current state of rung-api-prod:prod: 2 provisioned and READY, no reservation, a roomy account. */
function givenState(opts: { provisioned?: number; status?: 'READY' | 'IN_PROGRESS' | 'FAILED'; reserved?: number; unreserved?: number } = {}) {
  lambdaMock.on(GetProvisionedConcurrencyConfigCommand).resolves({
    RequestedProvisionedConcurrentExecutions: opts.provisioned ?? 2,
    AllocatedProvisionedConcurrentExecutions: opts.provisioned ?? 2,
    Status: opts.status ?? 'READY',
  });
  lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: opts.reserved });
  lambdaMock.on(GetAccountSettingsCommand).resolves({ AccountLimit: { UnreservedConcurrentExecutions: opts.unreserved ?? 900 } });
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('raise-provisioned-concurrency plan', () => {
  it('raises the alias by one step and carries everything apply needs', async () => {
    givenState();
    const ctx = context(lambdaTarget());

    const plan = expectChange(await raiseProvisionedConcurrency.plan(ctx));

    expect(plan.resource).toBe('rung-api-prod:prod');
    expect(plan.summary).toBe('raise provisioned concurrency on rung-api-prod:prod from 2 to 4');
    expect(plan.before).toEqual({
      provisionedConcurrency: 2,
      allocatedProvisionedConcurrency: 2,
      status: 'READY',
      statusReason: null,
      reservedConcurrency: null,
      unreservedAccountConcurrency: 900,
    });
    expect(plan.after).toEqual({ provisionedConcurrency: 4 });
    expect(plan.params).toEqual({ functionName: 'rung-api-prod', qualifier: 'prod', provisionedConcurrency: 4 });
    expect(lambdaMock).toHaveReceivedCommandWith(GetProvisionedConcurrencyConfigCommand, { FunctionName: 'rung-api-prod', Qualifier: 'prod' });
  });

  it('makes only read calls', async () => {
    givenState();
    const ctx = context(lambdaTarget());

    await raiseProvisionedConcurrency.plan(ctx);

    expect(lambdaMock).not.toHaveReceivedCommand(PutProvisionedConcurrencyConfigCommand);
    expect(ctx.calls.map((c) => c.operation)).toEqual(['GetProvisionedConcurrencyConfig', 'GetFunctionConcurrency', 'GetAccountSettings']);
    expect(ctx.calls.every((c) => !c.mutating)).toBe(true);
  });

  it('treats a missing configuration as 0 provisioned', async () => {
    givenState();
    lambdaMock
      .on(GetProvisionedConcurrencyConfigCommand)
      .rejects(new ProvisionedConcurrencyConfigNotFoundException({ message: 'No Provisioned Concurrency Config found', $metadata: {} }));
    const ctx = context(lambdaTarget());

    const plan = expectChange(await raiseProvisionedConcurrency.plan(ctx));

    expect(plan.before).toMatchObject({ provisionedConcurrency: 0, status: null });
    expect(plan.params).toMatchObject({ provisionedConcurrency: 2 });
  });

  it('fails when reading the configuration fails for another reason', async () => {
    givenState();
    lambdaMock.on(GetProvisionedConcurrencyConfigCommand).rejects(awsError('AccessDeniedException'));
    const ctx = context(lambdaTarget());

    await expect(raiseProvisionedConcurrency.plan(ctx)).rejects.toThrow('AccessDeniedException');
    expect(ctx.calls).toEqual([expect.objectContaining({ operation: 'GetProvisionedConcurrencyConfig', ok: false })]);
  });

  const CAP = 'the configured cap maxProvisionedConcurrency (8)';
  const caps = { maxProvisionedConcurrency: 8 };
  const RESERVED = "the function's reserved concurrency (5)";
  const ACCOUNT = 'the account limit (103 unreserved - 100 AWS keeps unreserved = 3)';

  it.each([
    [CAP, { provisioned: 7 }, 8],
    [RESERVED, { provisioned: 4, reserved: 5 }, 5],
    [ACCOUNT, { provisioned: 2, unreserved: 103 }, 3],
  ])('stops at %s and names it', async (limit, state, expected) => {
    givenState(state);

    const plan = expectChange(await raiseProvisionedConcurrency.plan(context(lambdaTarget({ caps }))));

    expect(plan.params).toMatchObject({ provisionedConcurrency: expected });
    expect(plan.summary).toBe(`raise provisioned concurrency on rung-api-prod:prod from ${state.provisioned} to ${expected} (limited by ${limit})`);
  });

  it.each([
    [CAP, { provisioned: 8 }],
    [RESERVED, { provisioned: 5, reserved: 5 }],
    [ACCOUNT, { provisioned: 3, unreserved: 103 }],
  ])('plans nothing when already at %s', async (limit, state) => {
    givenState(state);

    const plan = expectNoOp(await raiseProvisionedConcurrency.plan(context(lambdaTarget({ caps }))));

    expect(plan.reason).toBe(`provisioned concurrency on rung-api-prod:prod is ${state.provisioned}, already at ${limit}`);
    expect(plan.notApplicable).toBeUndefined();
  });

  it('plans nothing while an allocation is in progress, without reading further', async () => {
    givenState({ provisioned: 4, status: 'IN_PROGRESS' });
    const ctx = context(lambdaTarget());

    const plan = expectNoOp(await raiseProvisionedConcurrency.plan(ctx));

    expect(plan.reason).toContain('an allocation is in progress on rung-api-prod:prod (4 requested)');
    expect(plan.before).toEqual({ provisionedConcurrency: 4, status: 'IN_PROGRESS' });
    expect(lambdaMock).not.toHaveReceivedCommand(GetFunctionConcurrencyCommand);
  });

  it('plans nothing, and calls nothing, without an alias', async () => {
    const ctx = context(lambdaTarget({ props: { alias: undefined } }));

    const plan = expectNoOp(await raiseProvisionedConcurrency.plan(ctx));

    expect(plan.resource).toBe('rung-api-prod');
    expect(plan.reason).toContain('needs an alias and is never set on $LATEST');
    expect(plan.notApplicable).toBeUndefined();
    expect(ctx.calls).toEqual([]);
  });

  it('plans nothing when the account does not report its unreserved concurrency', async () => {
    givenState();
    lambdaMock.on(GetAccountSettingsCommand).resolves({ AccountLimit: {} });

    const plan = expectNoOp(await raiseProvisionedConcurrency.plan(context(lambdaTarget())));

    expect(plan.reason).toContain('the account limit cannot be checked');
  });
});

describe('raise-provisioned-concurrency apply', () => {
  it('puts the planned absolute value on the alias and reports the allocation status', async () => {
    givenState();
    lambdaMock.on(PutProvisionedConcurrencyConfigCommand).resolves({ RequestedProvisionedConcurrentExecutions: 4, Status: 'IN_PROGRESS' });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await raiseProvisionedConcurrency.plan(ctx));

    const result = await applyChange(raiseProvisionedConcurrency, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(PutProvisionedConcurrencyConfigCommand, 1);
    const put = { FunctionName: 'rung-api-prod', Qualifier: 'prod', ProvisionedConcurrentExecutions: 4 };
    expect(lambdaMock).toHaveReceivedCommandWith(PutProvisionedConcurrencyConfigCommand, put);
    expect(result.after).toEqual({ provisionedConcurrency: 4, status: 'IN_PROGRESS' });
    expect(result.summary).toBe('requested provisioned concurrency 4 on rung-api-prod:prod; allocation is IN_PROGRESS (READY comes later)');
    expect(ctx.calls.at(-1)).toEqual({ service: 'lambda', operation: 'PutProvisionedConcurrencyConfig', mutating: true, ok: true, attempts: 1 });
  });

  it('retries a throttled put, since the value is absolute', async () => {
    givenState();
    lambdaMock
      .on(PutProvisionedConcurrencyConfigCommand)
      .rejectsOnce(awsError('TooManyRequestsException'))
      .resolves({ Status: 'IN_PROGRESS' });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await raiseProvisionedConcurrency.plan(ctx));

    await applyChange(raiseProvisionedConcurrency, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(PutProvisionedConcurrencyConfigCommand, 2);
    expect(ctx.calls.at(-1)).toMatchObject({ operation: 'PutProvisionedConcurrencyConfig', ok: true, attempts: 2 });
  });

  it('fails when access is denied, and records the failed call', async () => {
    givenState();
    lambdaMock.on(PutProvisionedConcurrencyConfigCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const ctx = context(lambdaTarget());
    const plan = expectChange(await raiseProvisionedConcurrency.plan(ctx));

    await expect(applyChange(raiseProvisionedConcurrency, plan, ctx)).rejects.toThrow('not authorized');

    expect(lambdaMock).toHaveReceivedCommandTimes(PutProvisionedConcurrencyConfigCommand, 1);
    const error = 'AccessDeniedException: not authorized';
    expect(ctx.calls.at(-1)).toEqual({ service: 'lambda', operation: 'PutProvisionedConcurrencyConfig', mutating: true, ok: false, attempts: 1, error });
  });
});
