import type { MaintenanceWindow, ScopedWindow } from '../../../lib/catalogue';
import { occurrenceAt, openWindow } from '../../../lambdas/context/maintenance';
import { instantOf } from '../../../lambdas/context/maintenance-zone';

const at = (iso: string) => new Date(iso).getTime();
const iso = (ms: number) => new Date(ms).toISOString();
const window = (w: Omit<MaintenanceWindow, 'name'>): MaintenanceWindow => ({ name: 'w', ...w });
/** The occurrence containing `when`, as ISO strings, or undefined. */
const occurrence = (w: MaintenanceWindow, when: string) => {
  const found = occurrenceAt(w, at(when));
  return found && { start: iso(found.start), end: iso(found.end) };
};

describe('occurrenceAt: a recurring window', () => {
  // Berlin in January is UTC+1: 23:00 local is 22:00Z.
  const nightly = window({ cron: '0 23 * * *', durationMinutes: 120, timeZone: 'Europe/Berlin' });

  it('contains a time after midnight when it starts the evening before', () => {
    const expected = { start: '2026-01-15T22:00:00.000Z', end: '2026-01-16T00:00:00.000Z' };
    expect(occurrence(nightly, '2026-01-15T22:30:00Z')).toEqual(expected);
    // 00:30 local on the 16th: the occurrence of the 15th.
    expect(occurrence(nightly, '2026-01-15T23:30:00Z')).toEqual(expected);
  });

  it('includes its start and excludes its end', () => {
    expect(occurrence(nightly, '2026-01-15T22:00:00Z')).toBeDefined();
    expect(occurrence(nightly, '2026-01-15T21:59:59Z')).toBeUndefined();
    expect(occurrence(nightly, '2026-01-16T00:00:00Z')).toBeUndefined();
  });

  it('keeps its wall-clock start across zones: the same cron in New York is six hours later', () => {
    const newYork = window({ cron: '0 23 * * *', durationMinutes: 120, timeZone: 'America/New_York' });
    expect(occurrence(newYork, '2026-01-15T22:30:00Z')).toBeUndefined();
    expect(occurrence(newYork, '2026-01-16T04:30:00Z')).toEqual({ start: '2026-01-16T04:00:00.000Z', end: '2026-01-16T06:00:00.000Z' });
  });

  it('opens only on the days of week it names, and crosses midnight into the next day', () => {
    // Saturdays 22:00 to Sundays 02:00 in New York (EST, UTC-5 in February).
    const weekend = window({ cron: '0 22 * * SAT', durationMinutes: 240, timeZone: 'America/New_York' });
    expect(occurrence(weekend, '2026-03-01T05:30:00Z')).toEqual({ start: '2026-03-01T03:00:00.000Z', end: '2026-03-01T07:00:00.000Z' }); // Sunday 00:30 local
    expect(occurrence(weekend, '2026-02-28T03:30:00Z')).toBeUndefined(); // Friday 22:30 local
    expect(occurrence(weekend, '2026-03-01T07:00:00Z')).toBeUndefined(); // Sunday 02:00 local: ended
  });

  it('opens on a day that matches either day field when both are restricted, as Vixie cron', () => {
    const firstOrMonday = window({ cron: '0 3 1 * MON', durationMinutes: 60, timeZone: 'UTC' });
    expect(occurrence(firstOrMonday, '2026-09-01T03:30:00Z')).toBeDefined(); // Tuesday the 1st
    expect(occurrence(firstOrMonday, '2026-09-07T03:30:00Z')).toBeDefined(); // Monday the 7th
    expect(occurrence(firstOrMonday, '2026-09-02T03:30:00Z')).toBeUndefined(); // Wednesday the 2nd
  });

  it('needs both when one day field is *: every Monday in March only', () => {
    const marchMondays = window({ cron: '0 3 * MAR 1', durationMinutes: 60, timeZone: 'UTC' });
    expect(occurrence(marchMondays, '2026-03-02T03:30:00Z')).toBeDefined();
    expect(occurrence(marchMondays, '2026-04-06T03:30:00Z')).toBeUndefined();
    expect(occurrence(marchMondays, '2026-03-03T03:30:00Z')).toBeUndefined();
  });
});

describe('occurrenceAt across daylight saving changes', () => {
  // Berlin: 2026-03-29 clocks go from 02:00 CET to 03:00 CEST (01:00Z); 2026-10-25 from 03:00 CEST back to 02:00 CET (01:00Z).
  it('lasts its duration in elapsed time on the night clocks go forward', () => {
    const w = window({ cron: '0 1 * * *', durationMinutes: 120, timeZone: 'Europe/Berlin' });
    // 01:00 CET is 00:00Z; two hours later it is 04:00 CEST.
    expect(occurrence(w, '2026-03-29T01:30:00Z')).toEqual({ start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T02:00:00.000Z' });
    expect(occurrence(w, '2026-03-29T02:00:00Z')).toBeUndefined();
    // The next night, in summer time: 01:00 CEST is 23:00Z the day before.
    expect(occurrence(w, '2026-03-29T23:30:00Z')).toEqual({ start: '2026-03-29T23:00:00.000Z', end: '2026-03-30T01:00:00.000Z' });
  });

  it('starts a time the clocks skip when the clocks reach it (02:30 becomes 03:30 CEST)', () => {
    const w = window({ cron: '30 2 * * *', durationMinutes: 60, timeZone: 'Europe/Berlin' });
    expect(occurrence(w, '2026-03-29T01:29:00Z')).toBeUndefined();
    expect(occurrence(w, '2026-03-29T01:30:00Z')).toEqual({ start: '2026-03-29T01:30:00.000Z', end: '2026-03-29T02:30:00.000Z' });
    // The day before and after, 02:30 exists: CET then CEST.
    expect(occurrence(w, '2026-03-28T01:45:00Z')).toEqual({ start: '2026-03-28T01:30:00.000Z', end: '2026-03-28T02:30:00.000Z' });
    expect(occurrence(w, '2026-03-30T00:45:00Z')).toEqual({ start: '2026-03-30T00:30:00.000Z', end: '2026-03-30T01:30:00.000Z' });
  });

  it('starts a time the clocks repeat at its first occurrence only, on the night clocks go back', () => {
    const w = window({ cron: '30 2 * * *', durationMinutes: 20, timeZone: 'Europe/Berlin' });
    // 02:30 CEST is 00:30Z; 02:30 CET (01:30Z) comes again an hour later and opens nothing.
    expect(occurrence(w, '2026-10-25T00:40:00Z')).toEqual({ start: '2026-10-25T00:30:00.000Z', end: '2026-10-25T00:50:00.000Z' });
    expect(occurrence(w, '2026-10-25T01:40:00Z')).toBeUndefined();
  });

  it('spans the 25-hour day in elapsed time: midnight plus 4 hours ends at 03:00 CET', () => {
    const w = window({ cron: '0 0 25 10 *', durationMinutes: 240, timeZone: 'Europe/Berlin' });
    expect(occurrence(w, '2026-10-25T01:59:00Z')).toEqual({ start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T02:00:00.000Z' });
    expect(occurrence(w, '2026-10-25T02:00:00Z')).toBeUndefined();
  });

  it('follows New York across both changes: the Saturday night window on the weekend clocks go forward ends at 03:00 EDT', () => {
    const weekend = window({ cron: '0 22 * * SAT', durationMinutes: 240, timeZone: 'America/New_York' });
    // 2026-03-07 22:00 EST is 03:00Z; four elapsed hours later is 07:00Z, 03:00 EDT.
    expect(occurrence(weekend, '2026-03-08T06:59:00Z')).toEqual({ start: '2026-03-08T03:00:00.000Z', end: '2026-03-08T07:00:00.000Z' });
    expect(occurrence(weekend, '2026-03-08T07:00:00Z')).toBeUndefined();
    // 2026-10-31 22:00 EDT is 02:00Z; four hours later is 06:00Z, 01:00 EST after the change.
    expect(occurrence(weekend, '2026-11-01T05:30:00Z')).toEqual({ start: '2026-11-01T02:00:00.000Z', end: '2026-11-01T06:00:00.000Z' });
  });
});

describe('occurrenceAt: a one-off window', () => {
  const christmasEve = window({ start: '2026-12-24T18:00', durationMinutes: 90, timeZone: 'America/New_York' });

  it('opens at its local start (EST: 23:00Z) for its duration, once', () => {
    expect(occurrence(christmasEve, '2026-12-24T23:00:00Z')).toEqual({ start: '2026-12-24T23:00:00.000Z', end: '2026-12-25T00:30:00.000Z' });
    expect(occurrence(christmasEve, '2026-12-24T22:59:59Z')).toBeUndefined();
    expect(occurrence(christmasEve, '2026-12-25T00:30:00Z')).toBeUndefined();
    expect(occurrence(christmasEve, '2027-12-24T23:30:00Z')).toBeUndefined();
  });

  it('reads its start in summer time when the date is in summer', () => {
    const summer = window({ start: '2026-07-01T02:00', durationMinutes: 60, timeZone: 'Europe/Berlin' });
    expect(occurrence(summer, '2026-07-01T00:15:00Z')).toEqual({ start: '2026-07-01T00:00:00.000Z', end: '2026-07-01T01:00:00.000Z' });
  });
});

describe('instantOf', () => {
  it.each([
    ['a plain winter time', '2026-01-15T12:00', 'Europe/Berlin', '2026-01-15T11:00:00.000Z'],
    ['a plain summer time', '2026-07-15T12:00', 'America/New_York', '2026-07-15T16:00:00.000Z'],
    ['a skipped time, moved forward by the gap', '2026-03-08T02:30', 'America/New_York', '2026-03-08T07:30:00.000Z'],
    ['a repeated time, its first occurrence', '2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['UTC', '2026-03-29T02:30', 'UTC', '2026-03-29T02:30:00.000Z'],
  ])('maps %s', (_what, wall, zone, expected) => {
    expect(iso(instantOf(at(`${wall}:00Z`), zone))).toBe(expected);
  });
});

describe('openWindow', () => {
  const windows: ScopedWindow[] = [
    { name: 'db patching', level: 'resource', cron: '0 2 * * SUN', durationMinutes: 60, timeZone: 'UTC' },
    { name: 'release freeze', level: 'deployment', start: '2026-12-20T00:00', durationMinutes: 14 * 24 * 60, timeZone: 'UTC' },
  ];

  it('names the first window open, where it was configured and this occurrence', () => {
    expect(openWindow(windows, new Date('2026-12-20T02:30:00Z'))).toEqual({
      name: 'db patching',
      level: 'resource',
      schedule: 'cron 0 2 * * SUN',
      timeZone: 'UTC',
      start: '2026-12-20T02:00:00.000Z',
      end: '2026-12-20T03:00:00.000Z',
    });
    expect(openWindow(windows, new Date('2026-12-21T02:30:00Z'))).toMatchObject({ name: 'release freeze', level: 'deployment', schedule: 'once at 2026-12-20T00:00' });
  });

  it('finds none outside every window, and none in an empty list', () => {
    expect(openWindow(windows, new Date('2026-12-15T02:30:00Z'))).toBeUndefined();
    expect(openWindow([], new Date('2026-12-20T02:30:00Z'))).toBeUndefined();
  });
});
