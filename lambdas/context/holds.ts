import type { ContextRecord } from '../core/context';

/**
 * Why an action that would otherwise apply waits: planned and recorded with its code, nothing
 * applied. Holds are checked in order, after the kill switch and before the level and guards:
 * maintenance (issue 14 item 2) first, then deploying.
 */
export interface Hold {
  readonly code: 'deploying';
  readonly reason: string;
  /** Whether people hear of it now; a deployment hold waits for its re-check instead. */
  readonly escalate: boolean;
  /** When the alarm is looked at again, in minutes. */
  readonly recheckAfterMinutes: number;
}

/**
 * A deployment is changing the resource: the responder yields rather than fight it (its change
 * could be undone by the deployment, or undo the deployment's). The re-check after the
 * deployment's expected end escalates if the alarm still fires then.
 */
export function deployingHold(context: ContextRecord, resourceKey: string, recheckAfterMinutes: number): Hold | undefined {
  const deploying = context.deployments.filter((d) => d.resource === resourceKey);
  if (deploying.length === 0) return undefined;
  const what = deploying.map((d) => d.what + (d.since ? ` since ${d.since}` : '')).join('; ');
  return {
    code: 'deploying',
    reason: `deployment in progress: ${what}; not acting while it runs, re-checking the alarm in ${recheckAfterMinutes} min`,
    escalate: false,
    recheckAfterMinutes,
  };
}
