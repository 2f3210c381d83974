import { error, value } from './notification-helpers';

describe('parseInvocation: manual payloads', () => {
  const name = 'ar-rung-high-latency-rung-api-prod';

  it('defaults dryRun to true when not given', () => {
    expect(value({ alarmName: name })).toEqual({ source: 'manual', action: 'respond', alarmName: name, dryRun: true });
  });

  it('enforces only on an explicit dryRun: false, and keeps the request id', () => {
    expect(value({ alarmName: name, dryRun: false, requestId: 'req-42' })).toEqual({
      source: 'manual', action: 'respond', alarmName: name, dryRun: false, requestId: 'req-42',
    });
    expect(value({ undo: 'rec-1', dryRun: false })).toEqual({ source: 'manual', action: 'undo', recordId: 'rec-1', dryRun: false });
  });

  it('rejects a dryRun that is not a boolean', () => {
    const e = error({ alarmName: name, dryRun: 'false' });
    expect(e.field).toBe('dryRun');
    expect(e.message).toBe('dryRun: expected a boolean (true or false), received "false"');
  });

  it('rejects an unknown field, naming it', () => {
    const e = error({ alarmName: name, dryrun: false });
    expect(e.field).toBe('dryrun');
    expect(e.message).toBe('dryrun: unknown field, not accepted, received {"dryrun":false}');
  });

  it('names every unknown field', () => {
    const e = error({ undo: 'rec-1', force: true, target: 'x' });
    expect(e.field).toBe('force, target');
    expect(e.message).toMatch(/^force, target: unknown fields, not accepted/);
  });

  it.each([
    ['empty', '', 'expected an alarm name of 1 to 255 characters, received ""'],
    ['too long', 'a'.repeat(256), 'expected an alarm name of 1 to 255 characters'],
    ['with a control character', 'ar-x\nINFO forged log line', 'expected an alarm name without control characters, received "ar-xINFO forged log line"'],
    ['not a string', 42, 'expected a string, received 42'],
  ])('rejects an alarmName that is %s', (_label, alarmName, problem) => {
    const e = error({ alarmName });
    expect(e.field).toBe('alarmName');
    expect(e.message).toContain(`alarmName: ${problem}`);
  });

  it('rejects both alarmName and undo', () => {
    const e = error({ alarmName: name, undo: 'rec-1' });
    expect(e.field).toBe('alarmName, undo');
    expect(e.message).toMatch(/not both/);
  });

  it('rejects a payload over 16 KB before looking at its fields', () => {
    const e = error({ alarmName: 'a'.repeat(17 * 1024) });
    expect(e.field).toBe('event');
    expect(e.message).toMatch(/^event: too large: \d+ bytes of JSON, over the limit of 16384/);
    expect(e.received?.length).toBeLessThanOrEqual(200);
  });
});
