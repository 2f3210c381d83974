import { LambdaClient, PutProvisionedConcurrencyConfigCommand } from '@aws-sdk/client-lambda';
import { alarmNames, runCapture, runFromState } from '../../../lambdas/cli/capture';
import { NO_CREDENTIALS, runDryRun } from '../../../lambdas/cli/run-dry-run';
import { capturing } from '../../../lambdas/cli/state-interceptors';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { expectNoMutatingCommand, resetAllClients, sentCommands, type SentCommand } from '../../helpers/all-clients-mock';

const CONFIG = 'config/default.json';
const ALARM = 'ar-rung-high-latency-rung-api-prod';
const AT = new Date('2026-12-01T09:30:00.000Z');

/** An account where every alarm fires and functions have modest settings. */
function account(c: SentCommand): unknown {
  if (c.operation === 'DescribeAlarms') {
    const name = (c.input as { AlarmNames: string[] }).AlarmNames[0];
    return { MetricAlarms: [{ AlarmName: name, AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`, StateValue: 'ALARM', StateReason: 'Threshold Crossed', StateTransitionedTimestamp: new Date('2026-12-01T09:26:00Z') }] };
  }
  if (c.operation === 'GetAlias') return { Name: 'prod', FunctionVersion: '7' };
  if (c.operation === 'GetProvisionedConcurrencyConfig') return { RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 2, Status: 'READY' };
  if (c.operation === 'GetAccountSettings') return { AccountLimit: { UnreservedConcurrentExecutions: 900 } };
  if (c.operation === 'GetFunctionConfiguration') return { MemorySize: 512, Timeout: 10, State: 'Active', LastUpdateStatus: 'Successful' };
  return {};
}

beforeEach(() => {
  retryPolicy.baseDelayMs = 0;
  resetAllClients(account);
});

describe('respond capture', () => {
  it('reads the alarm and its resources for every configured alarm, and changes nothing', async () => {
    const result = await runCapture({ configPath: CONFIG, now: AT });
    expect(result.error).toBeUndefined();
    expect(result.alarms).toBe(alarmNames(CONFIG).length);
    const state = result.state;
    expect(state?.capturedAt).toEqual(AT);
    const described = (state?.answers ?? []).filter((a) => a.operation === 'DescribeAlarms').map((a) => (a.input as { AlarmNames: string[] }).AlarmNames[0]);
    expect(described.sort()).toEqual(alarmNames(CONFIG).sort());
    expect(state?.answers).toContainEqual({
      service: 'lambda',
      operation: 'GetProvisionedConcurrencyConfig',
      input: { FunctionName: 'rung-api-prod', Qualifier: 'prod' },
      output: expect.objectContaining({ RequestedProvisionedConcurrentExecutions: 2 }),
    });
    expect(sentCommands().every((c) => /^(Describe|Get|List)/.test(c.operation))).toBe(true);
    expectNoMutatingCommand();
  });

  it('replays to the plan the live dry run made, sending nothing', async () => {
    const live = await runDryRun({ configPath: CONFIG, alarmName: ALARM, now: AT });
    const result = await runCapture({ configPath: CONFIG, now: AT });
    const sent = sentCommands().length;
    const state = result.state;
    if (!state) throw new Error(result.error);
    const replayed = await runFromState({ configPath: CONFIG, alarmName: ALARM, state });
    expect(replayed.error).toBeUndefined();
    const { recordId: _a, durationMs: _b, ...liveRecord } = live.records[0] ?? { recordId: '', durationMs: 0 };
    expect(replayed.records[0]).toMatchObject(liveRecord);
    expect(replayed.records[0]?.decision).toBe('planned');
    expect(sentCommands()).toHaveLength(sent);
  });

  it('keeps what AWS refused about a resource, so the replay refuses it too', async () => {
    resetAllClients((c) => {
      if (c.operation === 'GetAlias') throw Object.assign(new Error('Function not found: rung-api-prod:prod'), { name: 'ResourceNotFoundException' });
      return account(c);
    });
    const result = await runCapture({ configPath: CONFIG, now: AT });
    expect(result.state?.answers).toContainEqual({
      service: 'lambda',
      operation: 'GetAlias',
      input: { FunctionName: 'rung-api-prod', Name: 'prod' },
      error: { name: 'ResourceNotFoundException', message: 'Function not found: rung-api-prod:prod' },
    });
  });

  it('stops at missing credentials, and saves nothing', async () => {
    resetAllClients(() => {
      throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    });
    const result = await runCapture({ configPath: CONFIG, now: AT });
    expect(result.state).toBeUndefined();
    expect(result.error).toBe(NO_CREDENTIALS);
    expect(sentCommands()).toHaveLength(1);
  });

  it('fails when the configuration is invalid, naming it', async () => {
    const result = await runCapture({ configPath: 'package.json' });
    expect(result.error).toMatch(/Invalid alert-responder configuration/);
  });

  it('refuses to send a command that is not a read', async () => {
    const send = jest.fn(async () => ({}));
    const intercept = capturing(new Map());
    const command = new PutProvisionedConcurrencyConfigCommand({ FunctionName: 'f', Qualifier: 'prod', ProvisionedConcurrentExecutions: 4 });
    await expect(intercept(new LambdaClient({}), command, send)).rejects.toThrow('capture only reads: it did not send lambda.PutProvisionedConcurrencyConfig');
    expect(send).not.toHaveBeenCalled();
  });
});
