/**
 * Maintenance windows as the CDK app wrote them (AR_MAINTENANCE; a target's own in AR_TARGETS),
 * from a configuration that validated each cron, start and zone: the responder checks their
 * shape only, by hand, so zod stays out of its bundle (as for AR_GUARDRAILS).
 */
import { MAINTENANCE_LEVELS, SEVERITY_IDS, parseCron, parseWallTime, type MaintenanceSettings, type MaintenanceWindow, type ScopedWindow } from '../../lib/catalogue';
import { int, list, object, oneOf, optional, str, type Read, type Schema } from '../core/params';

/** A string `valid` accepts: a cron or a start edited by hand fails when the settings are read, not mid-notification. */
function checked(expected: string, valid: (s: string) => boolean): Schema<string> {
  return { expected, read: (v, path) => (typeof v === 'string' && valid(v) ? { ok: true, value: v } : { ok: false, path, expected, received: v }) };
}

// The zone is left to the evaluator: checking it here would build an Intl formatter (about 30 ms) on every cold start.
const windowFields = {
  name: str(),
  cron: optional(checked('a standard 5-field cron expression', (s) => parseCron(s).ok)),
  start: optional(checked('a local date and time YYYY-MM-DDTHH:MM', (s) => parseWallTime(s) !== undefined)),
  durationMinutes: int(1),
  timeZone: str(),
};

/** A window without its level: a target's own, in AR_TARGETS. */
export const windowShape: Schema<MaintenanceWindow> = object(windowFields);

/** A window with the level it was configured at. */
export const scopedWindowShape: Schema<ScopedWindow> = object({ ...windowFields, level: oneOf(...MAINTENANCE_LEVELS) });

/** A list of windows with their levels (the verifier reads these from a re-check request). */
export const scopedWindows: Schema<ScopedWindow[]> = list(scopedWindowShape, 'a list of maintenance windows');

const maintenanceShape: Schema<MaintenanceSettings> = object({ escalate: list(oneOf(...SEVERITY_IDS), 'a list of severities'), windows: scopedWindows });

/** AR_MAINTENANCE, or the problem with it. */
export function readMaintenance(json: unknown): Read<MaintenanceSettings> {
  return maintenanceShape.read(json, 'AR_MAINTENANCE');
}
