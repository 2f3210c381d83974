import type { Target } from '../../lib/catalogue';
import type { ApplyResult, AwsCallRecord, ChangePlan } from '../core/remediation';

/** What the apply of an approved plan is: the plan, its resource, the approval's record and approver. */
export interface ScopedApplyRequest {
  readonly plan: ChangePlan;
  readonly resource: Target;
  /** The approval's record id: the session's source identity, so CloudTrail ties each change to its record. */
  readonly recordId: string;
  /** The approver's ARN, as the function URL named them. */
  readonly approver: string;
  readonly calls: AwsCallRecord[];
}

/**
 * Runs the apply of an approved plan (`apply` runs the remediation's apply on the plan's params).
 * The real one (scoped credentials: the responder's action role assumed with a session policy for
 * this plan's actions on this resource) is wired by the handler; this default runs it with the
 * responder's own clients.
 */
export type ScopedApply = (request: ScopedApplyRequest, apply: () => Promise<ApplyResult>) => Promise<ApplyResult>;

export const responderClientsApply: ScopedApply = (_request, apply) => apply();
