import type { RemediationId } from '../../../lib/catalogue';
import type { Plan, State, StateValue } from '../../core/remediation';
import type { AppliedAction } from '../../core/applied-action';

/** Which part of the record a value is read from. */
export type RecordPart = 'before' | 'after' | 'params';

/**
 * The record of an applied action lacks a value its undo needs (written by another version, or
 * edited): the undo cannot tell what to put back, so it fails rather than guess.
 */
export class AppliedActionError extends Error {
  override readonly name = 'AppliedActionError';

  constructor(action: AppliedAction, field: string, expected: string, got: StateValue | undefined) {
    super(`record of ${action.remediation} on ${action.resource}: ${field} must be ${expected}, got ${JSON.stringify(got) ?? 'nothing'}`);
  }
}

/** An undo receives only records of its own remediation; another one here is a wiring error. */
export function expectRemediation(action: AppliedAction, id: RemediationId): void {
  if (action.remediation !== id) {
    throw new Error(`the undo of ${id} was given a record of ${action.remediation} on ${action.resource}`);
  }
}

export function recordedString(action: AppliedAction, part: RecordPart, key: string): string {
  const value = action[part][key];
  if (typeof value !== 'string' || value === '') throw new AppliedActionError(action, `${part}.${key}`, 'a non-empty string', value);
  return value;
}

export function recordedCount(action: AppliedAction, part: RecordPart, key: string): number {
  const value = action[part][key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new AppliedActionError(action, `${part}.${key}`, 'a non-negative integer', value);
  }
  return value;
}

export function recordedStrings(action: AppliedAction, part: RecordPart, key: string): string[] {
  const value = action[part][key];
  const list: string[] = [];
  if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') list.push(item);
  if (!Array.isArray(value) || list.length !== value.length) {
    throw new AppliedActionError(action, `${part}.${key}`, 'a list of strings', value);
  }
  return list;
}

/** The undo plans nothing: the reason says whether the state is already back or moved on. */
export function undoNoOp(action: AppliedAction, before: State, reason: string): Plan {
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
