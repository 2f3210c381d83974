import type { ChangePlan } from '../../core/remediation';

/** A change plan lacks a parameter its `apply` needs: the plan was built or edited wrongly. */
export class PlanParamsError extends Error {
  override readonly name = 'PlanParamsError';

  constructor(plan: ChangePlan, key: string, expected: string) {
    const got = JSON.stringify(plan.params[key]) ?? 'nothing';
    super(`plan of ${plan.remediation} on ${plan.resource}: params.${key} must be ${expected}, got ${got}`);
  }
}

/** Reads a string parameter of a plan; `apply` never re-reads AWS to fill a gap. */
export function stringParam(plan: ChangePlan, key: string): string {
  const value = plan.params[key];
  if (typeof value !== 'string' || value === '') throw new PlanParamsError(plan, key, 'a non-empty string');
  return value;
}

/** Reads a non-negative integer parameter of a plan. */
export function countParam(plan: ChangePlan, key: string): number {
  const value = plan.params[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PlanParamsError(plan, key, 'a non-negative integer');
  }
  return value;
}
