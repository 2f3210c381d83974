import type { Plan } from '../../core/remediation';
import type { State } from '../../core/state';
import type { AppliedAction } from '../../core/undo';

/** The undo plans nothing: the reason says whether the state is already back or moved on. */
export function undoNoOp(action: AppliedAction, before: State, reason: string): Plan<never> {
  return { kind: 'no-op', remediation: action.remediation, resource: action.resource, reason, before };
}

export function alreadyRestored(what: string, value: string): string {
  return `${what} is already back at ${value}, its value before the action: nothing to undo`;
}

/**
 * The state is not what the action left: someone (or an autoscaler, a deployment) changed it
 * since, and putting the old value back could revert their change rather than the action.
 */
export function movedOn(what: string, now: string, left: string, restore: string): string {
  return (
    `${what} is now ${now}, not the ${left} the action left: it changed since, so the undo leaves it alone ` +
    `(restoring ${restore} could revert that later change rather than the action)`
  );
}
