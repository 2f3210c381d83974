/**
 * Is time T inside a maintenance window of a resource, its system or the deployment? Pure: the
 * windows come from the settings (the configuration validated them at synth), the time from the
 * caller; the zone's rules from the runtime's Intl data, so daylight saving changes are followed.
 */
import { parseCron, parseWallTime, type CronSpec, type MaintenanceWindow, type ScopedWindow } from '../../lib/catalogue';
import type { OpenWindow } from '../core/context';
import { DAY_MS, instantOf, steadyOffset, wallMs } from './maintenance-zone';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A cron spec as sets, for lookups; minutes and hours latest first, to find the latest start first. */
interface Compiled {
  readonly spec: CronSpec;
  readonly months: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly hoursDesc: readonly number[];
  readonly minutesDesc: readonly number[];
}

// The same few expressions are evaluated for every notification of a container.
const compiled = new Map<string, Compiled>();

function compile(cron: string): Compiled {
  let c = compiled.get(cron);
  if (!c) {
    const read = parseCron(cron);
    // Validated at synth: an expression that fails here was edited in the environment by hand.
    if (!read.ok) throw new Error(`maintenance window cron "${cron}" is invalid: ${read.problem}`);
    const { spec } = read;
    c = {
      spec,
      months: new Set(spec.months),
      daysOfMonth: new Set(spec.daysOfMonth),
      daysOfWeek: new Set(spec.daysOfWeek),
      hoursDesc: [...spec.hours].reverse(),
      minutesDesc: [...spec.minutes].reverse(),
    };
    compiled.set(cron, c);
  }
  return c;
}

/** Whether the local day starting at `dayWall` (a UTC date with the local fields) is one the cron names. */
function dayMatches(c: Compiled, dayWall: number): boolean {
  const date = new Date(dayWall);
  if (!c.months.has(date.getUTCMonth() + 1)) return false;
  const dom = c.daysOfMonth.has(date.getUTCDate());
  const dow = c.daysOfWeek.has(date.getUTCDay());
  // Vixie cron: both day fields restricted means either may match; otherwise both must.
  return c.spec.dayOfMonthRestricted && c.spec.dayOfWeekRestricted ? dom || dow : dom && dow;
}

/** The occurrence of a recurring window that contains `at`, latest start first. */
function cronOccurrence(cron: string, zone: string, durationMs: number, at: number): { start: number; end: number } | undefined {
  const c = compile(cron);
  const lastDay = Math.floor(wallMs(at, zone) / DAY_MS) * DAY_MS;
  // One day more than the duration reaches: a day's offset can move its starts by hours.
  const firstDay = Math.floor(wallMs(at - durationMs, zone) / DAY_MS) * DAY_MS - DAY_MS;
  for (let day = lastDay; day >= firstDay; day -= DAY_MS) {
    if (!dayMatches(c, day)) continue;
    const steady = steadyOffset(day, zone);
    for (const hour of c.hoursDesc) {
      for (const minute of c.minutesDesc) {
        const wall = day + hour * HOUR_MS + minute * MINUTE_MS;
        const start = steady === undefined ? instantOf(wall, zone) : wall - steady;
        if (start <= at && at < start + durationMs) return { start, end: start + durationMs };
      }
    }
  }
  return undefined;
}

/** The occurrence of `window` that contains `at` (epoch milliseconds), if any. */
export function occurrenceAt(window: MaintenanceWindow, at: number): { readonly start: number; readonly end: number } | undefined {
  const durationMs = window.durationMinutes * MINUTE_MS;
  if (window.cron !== undefined) return cronOccurrence(window.cron, window.timeZone, durationMs, at);
  const fields = window.start === undefined ? undefined : parseWallTime(window.start);
  if (!fields) return undefined;
  const start = instantOf(Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute), window.timeZone);
  return start <= at && at < start + durationMs ? { start, end: start + durationMs } : undefined;
}

/** The first of `windows` open at `at` (resource windows first, as the caller orders them), described for the record. */
export function openWindow(windows: readonly ScopedWindow[], at: Date): OpenWindow | undefined {
  for (const window of windows) {
    const found = occurrenceAt(window, at.getTime());
    if (!found) continue;
    return {
      name: window.name,
      level: window.level,
      schedule: window.cron !== undefined ? `cron ${window.cron}` : `once at ${window.start ?? ''}`,
      timeZone: window.timeZone,
      start: new Date(found.start).toISOString(),
      end: new Date(found.end).toISOString(),
    };
  }
  return undefined;
}
