import type { RemediationId, TargetType } from '../../lib/catalogue';
import type { ApplyResult, ChangePlan, Plan, RemediationContext, State } from './remediation';

/** What the record kept of an applied action: enough to put things back. */
export interface AppliedAction {
  readonly remediation: RemediationId;
  readonly resource: string;
  readonly before: State;
  readonly after: State;
  readonly params: State;
}

/** Reverting an applied action: plan reads the current state and refuses if it moved on since; apply restores. */
export interface Undo<T extends TargetType = TargetType> {
  plan(action: AppliedAction, ctx: RemediationContext<T>): Promise<Plan>;
  apply(plan: ChangePlan, ctx: RemediationContext<T>): Promise<ApplyResult>;
}
