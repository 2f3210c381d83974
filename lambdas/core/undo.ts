import type { RemediationId, TargetType } from '../../lib/catalogue';
import type { Schema } from './params';
import type { ApplyResult, Plan, RemediationContext } from './remediation';
import type { State } from './state';

/**
 * What the record kept of an applied action: enough to put things back. Where it is found (the
 * remediation log today) is the pipeline's business; an undo only reads it.
 */
export interface AppliedAction {
  readonly remediation: RemediationId;
  readonly resource: string;
  readonly before: State;
  readonly after: State;
  readonly params: State;
}

/** The parts of an applied action an undo reads, checked by its `recorded` schema. */
export type RecordedParts = Pick<AppliedAction, 'before' | 'after' | 'params'>;

/**
 * Reverting an applied action: `plan` reads the current state and refuses if it moved on since;
 * `apply` restores. Both get typed values: what `recorded` read of the action, and the undo
 * plan's params as `params` checked them.
 */
export interface Undo<T extends TargetType = TargetType, R = unknown, U = State> {
  /** What the undo needs of the action's before, after and params; a record without it fails the undo. */
  readonly recorded: Schema<R>;
  readonly params: Schema<U>;
  // NoInfer: the schemas alone decide R and U; plan and apply are checked against them.
  plan(recorded: NoInfer<R>, action: AppliedAction, ctx: RemediationContext<T>): Promise<Plan<NoInfer<U>>>;
  apply(params: NoInfer<U>, ctx: RemediationContext<T>): Promise<ApplyResult>;
}

/** Declares an undo kept in a file of its own, with its types inferred from its schemas. */
export function defineUndo<const T extends TargetType, R, U>(targetType: T, undo: Undo<T, R, U>): Undo<T, R, U> {
  void targetType;
  return undo;
}
