import { parseCron } from '../../lib/catalogue';
import { parseConfig } from '../../lib/config/load';
import { ConfigError } from '../../lib/config/problems';
import { configWith, defaultsWith, type Changes } from '../helpers/config';

const weekly = { name: 'weekly patching', cron: '0 2 * * SUN', durationMinutes: 120, timeZone: 'Europe/Berlin' };

function problemsFor(changes: Changes): ConfigError['problems'] {
  try {
    parseConfig(defaultsWith(changes), 'test');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('maintenance windows in the configuration', () => {
  it('accepts windows at deployment, system and resource level, and pages only P0 inside them by default', () => {
    const config = configWith({
      'maintenance.windows': [weekly],
      'systems.0.maintenance': { windows: [{ name: 'freeze', start: '2026-12-24T18:00', durationMinutes: 600, timeZone: 'America/New_York' }] },
      'systems.0.resources.lambda.0.maintenance': { windows: [{ ...weekly, name: 'fn' }] },
    });
    expect(config.maintenance).toEqual({ windows: [weekly], escalate: ['P0'] });
    expect(config.systems[0].maintenance?.windows[0].name).toBe('freeze');
    expect(configWith().maintenance).toEqual({ windows: [], escalate: ['P0'] });
  });

  it.each<[string, Changes, string, string]>([
    ['a cron with an hour out of range', { 'maintenance.windows': [{ ...weekly, cron: '0 24 * * *' }] }, 'maintenance.windows[0].cron', 'hour field "24": 24 is out of range 0-23'],
    ['a 6-field EventBridge cron', { 'systems.1.maintenance': { windows: [{ ...weekly, cron: '0 2 ? * SUN *' }] } }, 'systems[1].maintenance.windows[0].cron', 'must have 5 fields'],
    ['a cron with L', { 'systems.0.resources.lambda.0.maintenance': { windows: [{ ...weekly, cron: '0 2 L * *' }] } }, 'systems[0].resources.lambda[0].maintenance.windows[0].cron', '?, L, W and # are not supported'],
    ['an unknown time zone', { 'maintenance.windows': [{ ...weekly, timeZone: 'Europe/Atlantis' }] }, 'maintenance.windows[0].timeZone', 'is not an IANA time zone'],
    ['a start with an offset', { 'maintenance.windows': [{ name: 'x', start: '2026-12-24T18:00Z', durationMinutes: 60, timeZone: 'UTC' }] }, 'maintenance.windows[0].start', 'YYYY-MM-DDTHH:MM'],
    ['a start that is no date', { 'maintenance.windows': [{ name: 'x', start: '2026-02-30T18:00', durationMinutes: 60, timeZone: 'UTC' }] }, 'maintenance.windows[0].start', 'YYYY-MM-DDTHH:MM'],
    ['neither cron nor start', { 'maintenance.windows': [{ name: 'x', durationMinutes: 60, timeZone: 'UTC' }] }, 'maintenance.windows[0].cron', 'needs "cron" (recurring) or "start" (one-off)'],
    ['both cron and start', { 'maintenance.windows': [{ ...weekly, start: '2026-12-24T18:00' }] }, 'maintenance.windows[0].start', 'not both'],
    ['a duration over 31 days', { 'maintenance.windows': [{ ...weekly, durationMinutes: 44641 }] }, 'maintenance.windows[0].durationMinutes', ''],
    ['two windows of one name in a list', { 'maintenance.windows': [weekly, weekly] }, 'maintenance.windows[1].name', 'duplicate window name'],
    ['an unknown severity to page', { 'maintenance.escalate': ['P3'] }, 'maintenance.escalate[0]', ''],
  ])('fails on %s, naming the field', (_what, changes, path, message) => {
    const problem = problemsFor(changes).find((p) => p.path === path);
    expect(problem).toBeDefined();
    expect(problem?.message).toContain(message);
  });
});

describe('parseCron', () => {
  it('reads values, ranges, steps, lists and names; 7 is Sunday', () => {
    const read = parseCron('*/15 1-5/2 1,15 JAN-MAR sun,7,MON-wed');
    expect(read).toEqual({
      ok: true,
      spec: { minutes: [0, 15, 30, 45], hours: [1, 3, 5], daysOfMonth: [1, 15], months: [1, 2, 3], daysOfWeek: [0, 1, 2, 3], dayOfMonthRestricted: true, dayOfWeekRestricted: true },
    });
    expect(parseCron('5/20 * * * *')).toMatchObject({ ok: true, spec: { minutes: [5, 25, 45], dayOfMonthRestricted: false } });
  });

  it.each([
    ['0 2 * *', 'must have 5 fields'],
    ['@daily', 'nicknames'],
    ['60 * * * *', 'minute field "60": 60 is out of range 0-59'],
    ['0 5-1 * * *', 'runs backwards'],
    ['0 * * * 1#2', '?, L, W and # are not supported'],
    ['0 * 15W * *', '?, L, W and # are not supported'],
    ['0 * * FOO *', 'month field "FOO": "FOO" is not a number or a name (JAN-DEC)'],
    ['*/0 * * * *', 'step "0" must be a positive whole number'],
    ['1,,2 * * * *', 'empty list item'],
  ])('refuses %p: %s', (cron, problem) => {
    const read = parseCron(cron);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.problem).toContain(problem);
  });
});
