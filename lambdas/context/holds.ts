import type { Severity, Target } from '../../lib/catalogue';
import type { ContextRecord, MaintenanceFound } from '../core/context';
import type { ResponderSettings } from '../runtime/settings';
import { maintenanceWindowHold } from './maintenance-hold';

/**
 * Why an action that would otherwise apply waits: planned and recorded with its code, nothing
 * applied. Holds are checked in order, after the kill switch and before the level and guards:
 * maintenance (issue 14 item 2) first, then deploying.
 */
export interface Hold {
  /** The record's reason code. */
  readonly code: 'maintenance' | 'deploying';
  readonly reason: string;
  /** Whether people hear of it now; a deployment hold waits for its re-check instead, a maintenance hold pages as its severity's rule says. */
  readonly escalate: boolean;
  /** When the alarm is looked at again, in minutes; absent: no re-check (a maintenance window, which people planned). */
  readonly recheckAfterMinutes?: number;
  /** The maintenance window that holds the action, for the record's context. */
  readonly maintenance?: MaintenanceFound;
}

/**
 * A deployment is changing the resource: the responder yields rather than fight it (its change
 * could be undone by the deployment, or undo the deployment's). The re-check after the
 * deployment's expected end escalates if the alarm still fires then.
 */
export function deployingHold(context: ContextRecord, resourceKey: string, recheckAfterMinutes: number, severity?: Severity): Hold | undefined {
  const deploying = context.deployments.filter((d) => d.resource === resourceKey);
  if (deploying.length === 0) return undefined;
  const what = deploying.map((d) => d.what + (d.since ? ` since ${d.since}` : '')).join('; ');
  // A P0 pages at once: people should know its fix waits, not learn it at the re-check.
  const now = severity === 'P0';
  return {
    code: 'deploying',
    reason: `deployment in progress: ${what}; not acting while it runs, re-checking the alarm in ${recheckAfterMinutes} min${now ? ' (P0: people told now)' : ''}`,
    escalate: now,
    recheckAfterMinutes,
  };
}

/** What a hold is decided on: the resource's context, the settings, the clock. */
export interface HoldInput {
  readonly context: ContextRecord;
  readonly resource: Target;
  readonly settings: ResponderSettings;
  readonly now: Date;
  /** The alert's severity (an undo has none). */
  readonly severity?: Severity;
  /** The alarmed target's key, where the action is on one of its backends: a window on either holds it. */
  readonly alarmed?: string;
}

/** One hold: whether it holds, and why. */
export type HoldCheck = (input: HoldInput) => Hold | undefined;

/**
 * The holds in the order they are checked, the first that holds deciding: a maintenance window
 * (issue 14 item 2) slots in first, then a deployment in progress.
 */
export const HOLDS: readonly HoldCheck[] = [
  maintenanceWindowHold,
  ({ context, resource, settings, severity }) => deployingHold(context, resource.key, settings.context.deploymentRecheckMinutes, severity),
];

/** The first hold that holds, or none. */
export function firstHold(input: HoldInput, holds: readonly HoldCheck[] = HOLDS): Hold | undefined {
  for (const check of holds) {
    const hold = check(input);
    if (hold) return hold;
  }
  return undefined;
}
