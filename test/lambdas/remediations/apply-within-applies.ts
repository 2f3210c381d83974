import { REMEDIATIONS, type TargetType } from '../../../lib/catalogue';
import type { ApplyResult, ChangePlan, Remediation, RemediationContext } from '../../../lambdas/core/remediation';
import { applyChange as applyUnchecked } from '../../../lambdas/core/run';

/**
 * `applyChange`, failing the test when the apply called anything its catalogue entry's `applies`
 * does not list: an approved apply's scoped session allows only those (lambdas/pipeline/session-policy.ts),
 * so such a call would be refused with AccessDenied there. Every remediation's apply tests use it.
 */
export async function applyChange<T extends TargetType, P>(remediation: Remediation<T, P, unknown, unknown>, plan: ChangePlan<unknown>, ctx: RemediationContext<T>): Promise<ApplyResult> {
  const before = ctx.calls.length;
  const check = () => {
    const applies: readonly string[] = REMEDIATIONS[plan.remediation].applies;
    const outside = ctx.calls.slice(before).map((c) => `${c.service}:${c.operation}`).filter((action) => !applies.includes(action));
    if (outside.length > 0) throw new Error(`${plan.remediation}'s apply called ${[...new Set(outside)].join(', ')}, not in its catalogue applies: a scoped session would refuse it`);
  };
  let result: ApplyResult;
  try {
    result = await applyUnchecked(remediation, plan, ctx);
  } catch (err) {
    check();
    throw err;
  }
  check();
  return result;
}
