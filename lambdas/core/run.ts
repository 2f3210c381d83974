import type { TargetType } from '../../lib/catalogue';
import { parse } from './params';
import type { ApplyResult, ChangePlan, Plan, Remediation, RemediationContext } from './remediation';
import type { AppliedAction, Undo } from './undo';

/** An undo was asked of a remediation without one: the catalogue says it is not reversible. */
export class NotReversibleError extends Error {
  override readonly name = 'NotReversibleError';

  constructor(remediation: string) {
    super(`${remediation} is not reversible: it has no undo`);
  }
}

/** An undo was given the record of another remediation: a wiring error, never a guess. */
export class RecordMismatchError extends Error {
  override readonly name = 'RecordMismatchError';

  constructor(expected: string, action: AppliedAction) {
    super(`the undo of ${expected} was given a record of ${action.remediation} on ${action.resource}`);
  }
}

const paramsOf = (plan: ChangePlan<unknown>) => ({ source: 'plan', remediation: plan.remediation, resource: plan.resource, root: 'params' }) as const;

/** Runs `apply` on the plan's params as the remediation's schema reads them (a ParamsError if they do not pass). */
// Async, so that a plan that fails its schema rejects as apply would, rather than throwing at the call.
export async function applyChange<T extends TargetType, P>(remediation: Remediation<T, P, unknown, unknown>, plan: ChangePlan<unknown>, ctx: RemediationContext<T>): Promise<ApplyResult> {
  return remediation.apply(parse(remediation.params, plan.params, paramsOf(plan)), ctx);
}

function undoOf<T extends TargetType, R, U>(remediation: Remediation<T, unknown, R, U>): Undo<T, R, U> {
  if (remediation.undo === undefined) throw new NotReversibleError(remediation.id);
  return remediation.undo;
}

/** Plans the undo of an applied action from what its `recorded` schema reads of the record. */
export async function planUndo<T extends TargetType, R, U>(remediation: Remediation<T, unknown, R, U>, action: AppliedAction, ctx: RemediationContext<T>): Promise<Plan<U>> {
  const undo = undoOf(remediation);
  if (action.remediation !== remediation.id) throw new RecordMismatchError(remediation.id, action);
  const { before, after, params } = action;
  const recorded = parse(undo.recorded, { before, after, params }, { source: 'record', remediation: action.remediation, resource: action.resource });
  return undo.plan(recorded, action, ctx);
}

/** Runs the undo's `apply` on its plan's params as its schema reads them. */
export async function applyUndo<T extends TargetType, R, U>(remediation: Remediation<T, unknown, R, U>, plan: ChangePlan<unknown>, ctx: RemediationContext<T>): Promise<ApplyResult> {
  const undo = undoOf(remediation);
  return undo.apply(parse(undo.params, plan.params, paramsOf(plan)), ctx);
}
