/**
 * Maintenance windows: times when people are changing a system on purpose, so the responders plan
 * and record but do not apply, and page only for the severities configured to page anyway.
 * Shared by the configuration (which validates windows at synth) and the responders and verifier
 * (which evaluate them: lambdas/context/maintenance.ts).
 */
import { parseCron } from './cron';
import type { Severity } from './severity';

/** Where a window was configured: for the whole deployment, a system, or one resource. */
export const MAINTENANCE_LEVELS = ['deployment', 'system', 'resource'] as const;
export type MaintenanceLevel = (typeof MAINTENANCE_LEVELS)[number];

/** The longest window: 31 days (a holiday change freeze); longer holds are the kill switch's job. */
export const MAX_WINDOW_MINUTES = 31 * 24 * 60;

/** Inside a window, these severities still page by default: a P0 is never silenced unless configured so. */
export const DEFAULT_MAINTENANCE_ESCALATION: readonly Severity[] = ['P0'];

/**
 * One window as configured: recurring (`cron`) or one-off (`start`), exactly one of them; times
 * are wall-clock times in `timeZone`, the duration is elapsed time.
 */
export interface MaintenanceWindow {
  /** Named in records, reasons and escalations. */
  readonly name: string;
  /** Standard 5-field cron (lib/catalogue/cron.ts): when each occurrence starts. */
  readonly cron?: string;
  /** A one-off start, `YYYY-MM-DDTHH:MM` in `timeZone`. */
  readonly start?: string;
  readonly durationMinutes: number;
  /** An IANA time zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
}

/** A window with the level it was configured at. */
export interface ScopedWindow extends MaintenanceWindow {
  readonly level: MaintenanceLevel;
}

/** What a responder knows of maintenance: the deployment's and its system's windows, and the rule for paging inside one. */
export interface MaintenanceSettings {
  /** Severities that still escalate inside a window. */
  readonly escalate: readonly Severity[];
  /** Deployment and system windows: they apply to every resource of the responder. */
  readonly windows: readonly ScopedWindow[];
}

/** Window names: short, readable in a reason and a metric-free log line. */
export const WINDOW_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,63}$/;

const START_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The wall-clock fields of a one-off start, or undefined when it is not a real `YYYY-MM-DDTHH:MM`. */
export function parseWallTime(text: string): { readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute: number } | undefined {
  const m = START_PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
  return { year, month, day, hour, minute };
}

/** Why `zone` is not an IANA time zone this runtime knows, or undefined when it is. */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return 'is not an IANA time zone (for example "Europe/Berlin", "America/New_York" or "UTC")';
  }
}

/** Every problem with a window, by field: the configuration reports them with its path. */
export function windowProblems(window: Partial<MaintenanceWindow>): Array<{ readonly field: keyof MaintenanceWindow; readonly message: string }> {
  const problems: Array<{ field: keyof MaintenanceWindow; message: string }> = [];
  if (window.cron === undefined && window.start === undefined) problems.push({ field: 'cron', message: 'a window needs "cron" (recurring) or "start" (one-off)' });
  if (window.cron !== undefined && window.start !== undefined) problems.push({ field: 'start', message: 'a window has "cron" or "start", not both' });
  if (window.cron !== undefined) {
    const read = parseCron(window.cron);
    if (!read.ok) problems.push({ field: 'cron', message: `is not a standard 5-field cron expression: ${read.problem}` });
  }
  if (window.start !== undefined && !parseWallTime(window.start)) {
    problems.push({ field: 'start', message: 'must be a local date and time YYYY-MM-DDTHH:MM (in the window\'s timeZone, no offset)' });
  }
  if (window.timeZone !== undefined) {
    const problem = timeZoneProblem(window.timeZone);
    if (problem) problems.push({ field: 'timeZone', message: problem });
  }
  return problems;
}

/** A responder's maintenance: its deployment and system windows, the paging rule, and each target's own windows by key. */
export interface ResponderMaintenance extends MaintenanceSettings {
  readonly resources: ReadonlyMap<string, readonly MaintenanceWindow[]>;
}

/** The windows that apply to the resources `keys` (each target's own first), then the system's and the deployment's. */
export function windowsFor(maintenance: ResponderMaintenance | undefined, keys: readonly string[]): ScopedWindow[] {
  if (!maintenance) return [];
  const own = [...new Set(keys)].flatMap((key) => (maintenance.resources.get(key) ?? []).map((w) => ({ ...w, level: 'resource' as const })));
  const order = { system: 0, deployment: 1, resource: 2 };
  return [...own, ...[...maintenance.windows].sort((a, b) => order[a.level] - order[b.level])];
}
