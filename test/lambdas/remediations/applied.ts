import type { ApplyResult, ChangePlan, RemediationContext } from '../../../lambdas/core/remediation';
import type { AppliedAction } from '../../../lambdas/core/undo';

/** The record of an applied action as the responder writes it: the plan's before and params, apply's after. */
export function appliedAction(plan: ChangePlan, result: ApplyResult): AppliedAction {
  return { remediation: plan.remediation, resource: plan.resource, before: plan.before, after: result.after, params: plan.params };
}

/** The same context with no calls yet, so the undo's calls are not mixed with the action's. */
export function freshCalls<C extends RemediationContext>(ctx: C): C {
  return { ...ctx, calls: [] };
}

/** The inputs of the commands a mock received, for asserting a request exactly (not as a subset). */
export function inputsOf<I>(calls: readonly { args: readonly [{ input: I }] }[]): I[] {
  return calls.map((call) => call.args[0].input);
}
