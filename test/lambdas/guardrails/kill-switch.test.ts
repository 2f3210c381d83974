import { clearCaches } from '@aws-lambda-powertools/parameters';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { readKillSwitch } from '../../../lambdas/guardrails/kill-switch';

const ssm = mockClient(SSMClient);
const PARAMETER = '/ar/mode';
const returns = (value: string) => ssm.on(GetParameterCommand, { Name: PARAMETER }).resolves({ Parameter: { Name: PARAMETER, Value: value, Type: 'String' } });

afterEach(() => {
  ssm.reset();
  clearCaches();
  jest.useRealTimers();
});

describe('readKillSwitch', () => {
  it.each(['enforce', 'dry-run', 'off'] as const)('reads "%s" from the parameter', async (mode) => {
    returns(mode);
    expect(await readKillSwitch(PARAMETER)).toEqual({ state: mode, parameter: PARAMETER });
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: PARAMETER });
  });

  it('reuses a value for up to 60 seconds, then reads it again', async () => {
    // Only the clock is faked: the SDK's promises and timers run as usual.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] });
    jest.setSystemTime(new Date('2026-11-23T03:00:00Z'));
    returns('enforce');
    await readKillSwitch(PARAMETER);
    jest.setSystemTime(new Date('2026-11-23T03:00:59Z'));
    returns('off');
    expect((await readKillSwitch(PARAMETER)).state).toBe('enforce');
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    jest.setSystemTime(new Date('2026-11-23T03:01:01Z'));
    expect((await readKillSwitch(PARAMETER)).state).toBe('off');
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it.each(['ENFORCE', 'on', ''])('reports the unknown value %j as it is', async (value) => {
    returns(value);
    expect(await readKillSwitch(PARAMETER)).toEqual({ state: 'invalid', parameter: PARAMETER, value });
  });

  it('reports a failed read with its cause', async () => {
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('User is not authorized to perform ssm:GetParameter'), { name: 'AccessDeniedException' }));
    const reading = await readKillSwitch(PARAMETER);
    expect(reading).toMatchObject({ state: 'unreadable', parameter: PARAMETER });
    expect(reading.state === 'unreadable' && reading.error).toMatch(/AccessDenied.*not authorized/);
  });
});
