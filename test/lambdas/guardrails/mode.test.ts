import { clearCaches } from '@aws-lambda-powertools/parameters';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { killSwitchGuard, modeReasons, readMode } from '../../../lambdas/guardrails/mode';
import { guardInput } from './fixtures';

const ssm = mockClient(SSMClient);
const PARAMETER = '/ar/mode';
const returns = (value: string) => ssm.on(GetParameterCommand, { Name: PARAMETER }).resolves({ Parameter: { Name: PARAMETER, Value: value, Type: 'String' } });

afterEach(() => {
  ssm.reset();
  clearCaches();
  jest.useRealTimers();
});

describe('readMode', () => {
  it.each(['enforce', 'dry-run', 'off'] as const)('reads "%s" from the parameter', async (mode) => {
    returns(mode);
    const reading = await readMode(PARAMETER);
    expect(reading.mode).toBe(mode);
    expect(reading.reason).toBe(mode === 'off' ? modeReasons.off(PARAMETER) : modeReasons.set(PARAMETER, mode));
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: PARAMETER });
  });

  it('reuses a value for up to 60 seconds, then reads it again', async () => {
    // Only the clock is faked: the SDK's promises and timers run as usual.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] });
    jest.setSystemTime(new Date('2026-11-23T03:00:00Z'));
    returns('enforce');
    await readMode(PARAMETER);
    jest.setSystemTime(new Date('2026-11-23T03:00:59Z'));
    returns('off');
    expect((await readMode(PARAMETER)).mode).toBe('enforce');
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    jest.setSystemTime(new Date('2026-11-23T03:01:01Z'));
    expect((await readMode(PARAMETER)).mode).toBe('off');
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it.each(['ENFORCE', 'on', ''])('falls back to dry-run on the unknown value %j', async (value) => {
    returns(value);
    expect(await readMode(PARAMETER)).toEqual({ mode: 'dry-run', reason: modeReasons.invalid(PARAMETER, value) });
  });

  it('falls back to dry-run when the parameter cannot be read', async () => {
    ssm.on(GetParameterCommand).rejects(Object.assign(new Error('User is not authorized to perform ssm:GetParameter'), { name: 'AccessDeniedException' }));
    const reading = await readMode(PARAMETER);
    expect(reading.mode).toBe('dry-run');
    expect(reading.reason).toMatch(/^kill switch \/ar\/mode could not be read \(.*AccessDenied.*\): planning only \(dry-run\)$/);
  });
});

describe('killSwitchGuard', () => {
  it('refuses every action when the switch is off, and escalates', async () => {
    const reason = modeReasons.off(PARAMETER);
    expect(await killSwitchGuard({ mode: 'off', reason }).admit(guardInput())).toEqual({ ok: false, code: 'kill-switch', escalate: true, reason });
  });

  it('admits when the switch is on', async () => {
    expect((await killSwitchGuard({ mode: 'enforce', reason: '' }).admit(guardInput())).ok).toBe(true);
  });
});
