/**
 * Wall-clock time in an IANA time zone, from the runtime's own time zone data (Intl), without a
 * date library: the offset of a zone at an instant, and the instant of a wall-clock time.
 */

const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

// Building a formatter costs far more than using one: one per zone per container.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // h23: midnight is 00, never 24 (hour12: false gives 24 on some ICU versions).
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time at `ms` in `zone`, as milliseconds of a UTC date with the same fields. */
export function wallMs(ms: number, zone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(ms)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** The zone's offset from UTC at `ms`, in milliseconds (Berlin in summer: +7 200 000). */
export function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(whole, zone) - whole;
}

/**
 * The instant a wall-clock time (given as `Date.UTC` of its fields) happens in `zone`. As
 * Temporal's "compatible" disambiguation and java.time do: a time that happens twice (clocks go
 * back) is its first occurrence; a time that never happens (clocks go forward) moves forward by
 * the gap (02:30 on the night Berlin skips 02:00-03:00 is 03:30). Assumes at most one offset
 * change within a day either side, which holds for every zone in tzdata.
 */
export function instantOf(wall: number, zone: string): number {
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyHolds = offsetAt(early, zone) === before;
  const lateHolds = offsetAt(late, zone) === after;
  if (earlyHolds && lateHolds) return Math.min(early, late);
  if (lateHolds && !earlyHolds) return late;
  // Holds with the earlier offset, or a gap: the earlier offset moves it forward by the gap.
  return early;
}

/** Whether the zone's offset is the same through the whole local day that starts at `dayWall`: its wall times then map by one subtraction. */
export function steadyOffset(dayWall: number, zone: string): number | undefined {
  const before = offsetAt(dayWall - DAY_MS, zone);
  return before === offsetAt(dayWall + 2 * DAY_MS, zone) ? before : undefined;
}
