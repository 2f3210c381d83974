import { GetFunctionConfigurationCommand, LambdaClient, UpdateFunctionConfigurationCommand, type State } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { doubleLambdaMemory } from '../../../../lambdas/remediations/lambda/double-lambda-memory';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { awsError, context, expectChange, expectNoOp, lambdaTarget as rungTarget, type TargetOverrides } from '../fixtures';
import { applyChange } from '../apply-within-applies';

// These cover the function without alias (the unqualified configuration); the alias path is in
// lambda-alias-publish.plan.test.ts.
const lambdaTarget = (o: TargetOverrides<'lambda'> = {}) => rungTarget({ ...o, props: { alias: undefined, ...o.props } });

const lambdaMock = mockClient(LambdaClient);

function givenFunction(memoryMb: number | undefined, state: State = 'Active', stateReason?: string) {
  lambdaMock
    .on(GetFunctionConfigurationCommand)
    .resolves({ FunctionName: 'rung-api-prod', MemorySize: memoryMb, Timeout: 30, State: state, StateReason: stateReason, LastUpdateStatus: 'Successful' });
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('double-lambda-memory plan', () => {
  it('doubles the memory size', async () => {
    givenFunction(256);
    const ctx = context(lambdaTarget());

    const plan = expectChange(await doubleLambdaMemory.plan(ctx));

    expect(plan.resource).toBe('rung-api-prod');
    expect(plan.summary).toBe('raise memory size of rung-api-prod from 256 to 512 MB');
    expect(plan.before).toEqual({ memoryMb: 256, state: 'Active', lastUpdateStatus: 'Successful' });
    expect(plan.after).toEqual({ memoryMb: 512 });
    expect(plan.params).toEqual({ functionName: 'rung-api-prod', memoryMb: 512 });
    expect(lambdaMock).toHaveReceivedCommandWith(GetFunctionConfigurationCommand, { FunctionName: 'rung-api-prod' });
  });

  it('makes only read calls', async () => {
    givenFunction(256);
    const ctx = context(lambdaTarget());

    await doubleLambdaMemory.plan(ctx);

    expect(lambdaMock).not.toHaveReceivedCommand(UpdateFunctionConfigurationCommand);
    expect(ctx.calls).toEqual([{ service: 'lambda', operation: 'GetFunctionConfiguration', mutating: false, ok: true, attempts: 1 }]);
  });

  it('stops at the configured cap and says so', async () => {
    givenFunction(2048);

    const plan = expectChange(await doubleLambdaMemory.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ memoryMb: 3008 });
    expect(plan.summary).toBe('raise memory size of rung-api-prod from 2048 to 3008 MB (limited by the configured cap maxMemoryMb (3008))');
  });

  it('plans nothing when already at the configured cap', async () => {
    givenFunction(3008);

    const plan = expectNoOp(await doubleLambdaMemory.plan(context(lambdaTarget())));

    expect(plan.reason).toBe('memory size of rung-api-prod is 3008 MB, already at the configured cap maxMemoryMb (3008)');
  });

  it("stops at AWS's 10240 MB even under a higher cap", async () => {
    givenFunction(8192);
    // The schema caps maxMemoryMb at 10240; a cap above it must still not pass AWS's limit.
    const target = lambdaTarget({ caps: { maxMemoryMb: 16384 } });

    const plan = expectChange(await doubleLambdaMemory.plan(context(target)));

    expect(plan.params).toMatchObject({ memoryMb: 10240 });
    expect(plan.summary).toBe('raise memory size of rung-api-prod from 8192 to 10240 MB (limited by the AWS maximum (10240 MB))');
  });

  it('plans nothing at 10240 MB, naming the AWS maximum', async () => {
    givenFunction(10240);

    const plan = expectNoOp(await doubleLambdaMemory.plan(context(lambdaTarget({ caps: { maxMemoryMb: 16384 } }))));

    expect(plan.reason).toBe('memory size of rung-api-prod is 10240 MB, already at the AWS maximum (10240 MB)');
  });

  it.each<[State]>([['Pending'], ['Failed'], ['Deactivating']])('plans nothing while the function is %s', async (state) => {
    givenFunction(256, state);

    const plan = expectNoOp(await doubleLambdaMemory.plan(context(lambdaTarget())));

    expect(plan.reason).toBe(`rung-api-prod is in state ${state}, not Active or Inactive: its configuration is left alone`);
  });

  it('names the state reason of a failed function', async () => {
    givenFunction(256, 'Failed', 'The function could not be created: subnet has no free IP');

    const plan = expectNoOp(await doubleLambdaMemory.plan(context(lambdaTarget())));

    expect(plan.reason).toContain('state Failed (The function could not be created: subnet has no free IP)');
  });

  it('doubles the memory of an Inactive function (an update wakes it)', async () => {
    givenFunction(128, 'Inactive');

    const plan = expectChange(await doubleLambdaMemory.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ memoryMb: 256 });
  });

  it('plans nothing when AWS does not report the memory size', async () => {
    givenFunction(undefined);

    const plan = expectNoOp(await doubleLambdaMemory.plan(context(lambdaTarget())));

    expect(plan.reason).toBe('GetFunctionConfiguration did not report the memory size of rung-api-prod');
  });
});

describe('double-lambda-memory apply', () => {
  it('updates the memory size only, and reports what AWS set', async () => {
    givenFunction(256);
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves({ MemorySize: 512, LastUpdateStatus: 'InProgress' });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaMemory.plan(ctx));

    const result = await applyChange(doubleLambdaMemory, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateFunctionConfigurationCommand, 1);
    expect(lambdaMock.commandCalls(UpdateFunctionConfigurationCommand)[0]?.args[0].input).toEqual({ FunctionName: 'rung-api-prod', MemorySize: 512 });
    expect(result.after).toEqual({ memoryMb: 512, lastUpdateStatus: 'InProgress' });
    expect(ctx.calls.at(-1)).toEqual({ service: 'lambda', operation: 'UpdateFunctionConfiguration', mutating: true, ok: true, attempts: 1 });
  });

  it('retries while another update is in progress, then succeeds', async () => {
    givenFunction(256);
    lambdaMock
      .on(UpdateFunctionConfigurationCommand)
      .rejectsOnce(awsError('ResourceConflictException', 'An update is in progress for resource'))
      .resolves({ MemorySize: 512, LastUpdateStatus: 'InProgress' });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaMemory.plan(ctx));

    const result = await applyChange(doubleLambdaMemory, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateFunctionConfigurationCommand, 2);
    expect(result.after).toMatchObject({ memoryMb: 512 });
    expect(ctx.calls.at(-1)).toMatchObject({ operation: 'UpdateFunctionConfiguration', ok: true, attempts: 2 });
  });

  it('fails when the conflict outlasts every retry', async () => {
    givenFunction(256);
    lambdaMock.on(UpdateFunctionConfigurationCommand).rejects(awsError('ResourceConflictException', 'An update is in progress'));
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaMemory.plan(ctx));

    await expect(applyChange(doubleLambdaMemory, plan, ctx)).rejects.toThrow('An update is in progress');

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateFunctionConfigurationCommand, retryPolicy.maxAttempts);
    expect(ctx.calls.at(-1)).toMatchObject({ ok: false, attempts: retryPolicy.maxAttempts });
  });

  it('fails at once when access is denied, and records the failed call', async () => {
    givenFunction(256);
    lambdaMock.on(UpdateFunctionConfigurationCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const ctx = context(lambdaTarget());
    const plan = expectChange(await doubleLambdaMemory.plan(ctx));

    await expect(applyChange(doubleLambdaMemory, plan, ctx)).rejects.toThrow('not authorized');

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateFunctionConfigurationCommand, 1);
    expect(ctx.calls.at(-1)).toEqual({
      service: 'lambda',
      operation: 'UpdateFunctionConfiguration',
      mutating: true,
      ok: false,
      attempts: 1,
      error: 'AccessDeniedException: not authorized',
    });
  });
});
