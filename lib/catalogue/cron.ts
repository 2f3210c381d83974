/**
 * Standard 5-field cron expressions (minute hour day-of-month month day-of-week), as crontab(5)
 * of Vixie/ISC cron reads them, for recurring maintenance windows. Parsed by the configuration
 * (to reject a bad one at synth, naming the field) and by the responders (to evaluate it), so the
 * parser is pure and has no dependency.
 *
 * Supported in each field: `*`, a value, a range `a-b`, a step `*\/n`, `a-b/n` or `a/n` (from a to
 * the field's maximum), and comma-separated lists of these. Months may be named JAN-DEC and days
 * of the week SUN-SAT (case-insensitive); day of week 0 and 7 are both Sunday. As in Vixie cron,
 * when both day fields are restricted (neither starts with `*`) a day matches if EITHER matches;
 * otherwise both must. Not supported: `?`, `L`, `W`, `#`, `@daily`-style nicknames and a seconds
 * or year field (AWS EventBridge's 6-field form): each is refused with the reason.
 */

/** The days and times a cron expression names; each list sorted ascending, without repeats. */
export interface CronSpec {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0 (Sunday) to 6 (Saturday). */
  readonly daysOfWeek: readonly number[];
  /** Whether day of month, day of week are restricted (do not start with `*`): both restricted means either matches. */
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

/** A spec, or what is wrong with the expression. */
export type CronRead = { readonly ok: true; readonly spec: CronSpec } | { readonly ok: false; readonly problem: string };

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  // Names map to their index + min: JAN is 1, SUN is 0.
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS },
];

class CronProblem extends Error {}

function valueOf(text: string, rule: FieldRule): number {
  const named = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (rule.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) throw new CronProblem(`"${text}" is not a number${rule.names ? ` or a name (${rule.names[0]}-${rule.names[rule.names.length - 1]})` : ''}`);
  const value = Number(text);
  if (value < rule.min || value > rule.max) throw new CronProblem(`${value} is out of range ${rule.min}-${rule.max}`);
  return value;
}

function itemValues(item: string, rule: FieldRule): number[] {
  const [range, stepText, extra] = item.split('/');
  if (extra !== undefined || range === '') throw new CronProblem(`"${item}" is not a value, range or step`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new CronProblem(`step "${stepText}" must be a positive whole number`);
    step = Number(stepText);
  }
  let from: number;
  let to: number;
  if (range === '*') [from, to] = [rule.min, rule.max];
  else if (range.includes('-')) {
    const [a, b, more] = range.split('-');
    if (more !== undefined || a === '' || b === '') throw new CronProblem(`"${range}" is not a range a-b`);
    [from, to] = [valueOf(a, rule), valueOf(b, rule)];
    if (from > to) throw new CronProblem(`range ${range} runs backwards`);
  } else {
    from = valueOf(range, rule);
    // `a/n` runs from a to the maximum; a lone value is itself.
    to = stepText === undefined ? from : rule.max;
  }
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

function fieldValues(text: string, rule: FieldRule): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronProblem('has an empty list item');
    for (const v of itemValues(item, rule)) values.add(rule.name === 'day of week' && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

/** Parses a 5-field cron expression; the problem names the field and the value that is wrong. */
export function parseCron(expression: string): CronRead {
  const text = expression.trim();
  if (text.startsWith('@')) return { ok: false, problem: `nicknames such as ${text.split(/\s/)[0]} are not supported: write the 5 fields` };
  const parts = text.split(/\s+/);
  if (parts.length !== 5) {
    const hint = parts.length === 6 ? ' (6 fields looks like AWS EventBridge or a seconds field: use standard 5-field cron)' : '';
    return { ok: false, problem: `must have 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}${hint}` };
  }
  const lists: number[][] = [];
  for (const [i, part] of parts.entries()) {
    const rule = FIELDS[i];
    if (/[?#]/.test(part) || /(^|,)(\d*L|\d+W|LW)(,|$)/i.test(part)) {
      return { ok: false, problem: `${rule.name} field "${part}": ?, L, W and # are not supported in standard cron` };
    }
    try {
      lists.push(fieldValues(part, rule));
    } catch (err) {
      return { ok: false, problem: `${rule.name} field "${part}": ${err instanceof CronProblem ? err.message : String(err)}` };
    }
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = lists;
  return {
    ok: true,
    spec: { minutes, hours, daysOfMonth, months, daysOfWeek, dayOfMonthRestricted: !parts[2].startsWith('*'), dayOfWeekRestricted: !parts[4].startsWith('*') },
  };
}
