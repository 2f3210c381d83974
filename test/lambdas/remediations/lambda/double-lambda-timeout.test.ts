import { GetFunctionConfigurationCommand, LambdaClient, UpdateFunctionConfigurationCommand, type State } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { doubleLambdaTimeout } from '../../../../lambdas/remediations/lambda/double-lambda-timeout';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { awsError, context, expectChange, expectNoOp, lambdaTarget as rungTarget, type TargetOverrides } from '../fixtures';
import { applyChange } from '../apply-within-applies';

// These cover the function without alias (the unqualified configuration); the alias path is in
// lambda-alias-publish.plan.test.ts.
const lambdaTarget = (o: TargetOverrides<'lambda'> = {}) => rungTarget({ ...o, props: { alias: undefined, ...o.props } });

const lambdaMock = mockClient(LambdaClient);

function givenFunction(timeoutSeconds: number, state: State = 'Active') {
  lambdaMock
    .on(GetFunctionConfigurationCommand)
    .resolves({ FunctionName: 'rung-api-prod', MemorySize: 512, Timeout: timeoutSeconds, State: state, LastUpdateStatus: 'Successful' });
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('double-lambda-timeout plan', () => {
  it('doubles the timeout (ai-lifestyle: 3 s becomes 6 s)', async () => {
    givenFunction(3);
    const ctx = context(lambdaTarget());

    const plan = expectChange(await doubleLambdaTimeout.plan(ctx));

    expect(plan.resource).toBe('rung-api-prod');
    expect(plan.summary).toBe('raise timeout of rung-api-prod from 3 to 6 s');
    expect(plan.before).toEqual({ timeoutSeconds: 3, state: 'Active', lastUpdateStatus: 'Successful' });
    expect(plan.after).toEqual({ timeoutSeconds: 6 });
    expect(plan.params).toEqual({ functionName: 'rung-api-prod', timeoutSeconds: 6 });
  });

  it('makes only read calls', async () => {
    givenFunction(3);
    const ctx = context(lambdaTarget());

    await doubleLambdaTimeout.plan(ctx);

    expect(lambdaMock).not.toHaveReceivedCommand(UpdateFunctionConfigurationCommand);
    expect(ctx.calls.length).toBe(1);
    expect(ctx.calls.every((c) => !c.mutating)).toBe(true);
  });

  it('stops at the configured cap and says so', async () => {
    givenFunction(200);

    const plan = expectChange(await doubleLambdaTimeout.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ timeoutSeconds: 300 });
    expect(plan.summary).toContain('(limited by the configured cap maxTimeoutSeconds (300))');
  });

  it('plans nothing when already at the configured cap', async () => {
    givenFunction(300);

    const plan = expectNoOp(await doubleLambdaTimeout.plan(context(lambdaTarget())));

    expect(plan.reason).toBe('timeout of rung-api-prod is 300 s, already at the configured cap maxTimeoutSeconds (300)');
  });

  it("stops at AWS's 900 s", async () => {
    givenFunction(600);

    const plan = expectChange(await doubleLambdaTimeout.plan(context(lambdaTarget({ caps: { maxTimeoutSeconds: 900 } }))));

    expect(plan.params).toMatchObject({ timeoutSeconds: 900 });
  });

  it("plans nothing at AWS's 900 s, naming the AWS maximum when it is the lower limit", async () => {
    givenFunction(900);
    // The schema caps maxTimeoutSeconds at 900; a cap above it must still not pass AWS's limit.
    const target = lambdaTarget({ caps: { maxTimeoutSeconds: 1000 } });

    const plan = expectNoOp(await doubleLambdaTimeout.plan(context(target)));

    expect(plan.reason).toBe('timeout of rung-api-prod is 900 s, already at the AWS maximum (900 s)');
  });

  it('plans nothing while the function is Pending', async () => {
    givenFunction(3, 'Pending');

    const plan = expectNoOp(await doubleLambdaTimeout.plan(context(lambdaTarget())));

    expect(plan.reason).toBe('rung-api-prod is in state Pending, not Active or Inactive: its configuration is left alone');
  });
});

describe('double-lambda-timeout apply', () => {
  it('updates the timeout only', async () => {
    givenFunction(3);
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves({ Timeout: 6, LastUpdateStatus: 'InProgress' });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaTimeout.plan(ctx));

    const result = await applyChange(doubleLambdaTimeout, plan, ctx);

    expect(lambdaMock.commandCalls(UpdateFunctionConfigurationCommand)[0]?.args[0].input).toEqual({ FunctionName: 'rung-api-prod', Timeout: 6 });
    expect(result.after).toEqual({ timeoutSeconds: 6, lastUpdateStatus: 'InProgress' });
  });

  it('retries while another update is in progress, then succeeds', async () => {
    givenFunction(3);
    lambdaMock
      .on(UpdateFunctionConfigurationCommand)
      .rejectsOnce(awsError('ResourceConflictException', 'An update is in progress for resource'))
      .resolves({ Timeout: 6 });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaTimeout.plan(ctx));

    await applyChange(doubleLambdaTimeout, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateFunctionConfigurationCommand, 2);
    expect(ctx.calls.at(-1)).toMatchObject({ operation: 'UpdateFunctionConfiguration', mutating: true, ok: true, attempts: 2 });
  });

  it('fails at once when access is denied, and records the failed call', async () => {
    givenFunction(3);
    lambdaMock.on(UpdateFunctionConfigurationCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaTimeout.plan(ctx));

    await expect(applyChange(doubleLambdaTimeout, plan, ctx)).rejects.toThrow('not authorized');

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateFunctionConfigurationCommand, 1);
    expect(ctx.calls.at(-1)).toMatchObject({ operation: 'UpdateFunctionConfiguration', ok: false, error: 'AccessDeniedException: not authorized' });
  });
});
