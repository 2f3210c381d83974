import { DEFAULT_MAINTENANCE_ESCALATION, windowsFor, type ResponderMaintenance, type Severity } from '../../lib/catalogue';
import type { MaintenanceFound, OpenWindow } from '../core/context';
import type { HoldCheck } from './holds';
import { openWindow } from './maintenance';

/**
 * The maintenance window open at `at` on any of the resources `keys` (the one acted on, the one
 * alarmed), their system or the deployment, and whether `severity` still pages inside it.
 */
export function maintenanceHold(maintenance: ResponderMaintenance | undefined, keys: readonly string[], severity: Severity, at: Date): MaintenanceFound | undefined {
  const open = openWindow(windowsFor(maintenance, keys), at);
  if (!open) return undefined;
  const escalate = maintenance?.escalate ?? DEFAULT_MAINTENANCE_ESCALATION;
  return { ...open, escalates: escalate.includes(severity) };
}

/** The window as a reason names it: `maintenance window "db patching" (resource, cron 0 2 * * SUN Europe/Berlin, until ...)`. */
export function describeWindow(found: OpenWindow): string {
  return `maintenance window "${found.name}" (${found.level}, ${found.schedule} ${found.timeZone}, until ${found.end})`;
}

/** Why nothing was applied inside a window, and whether people are paged. */
export function maintenanceReason(found: MaintenanceFound, severity: Severity): string {
  return `inside ${describeWindow(found)}: planned, not applied; ${severity} ${found.escalates ? 'still pages' : 'does not page'} inside a window`;
}

/**
 * The first of the holds (lambdas/context/holds.ts): inside a window of the resource, the alarmed
 * one, their system or the deployment, the action is planned, not applied, and not re-checked; an
 * undo (no severity: a person asked for it) is not held.
 */
export const maintenanceWindowHold: HoldCheck = ({ resource, settings, now, severity, alarmed }) => {
  if (severity === undefined) return undefined;
  const found = maintenanceHold(settings.maintenance, [resource.key, ...(alarmed ? [alarmed] : [])], severity, now);
  return found && { code: 'maintenance', reason: maintenanceReason(found, severity), escalate: found.escalates, maintenance: found };
};
