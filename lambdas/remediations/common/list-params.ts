import { PlanParamsError } from './plan-params';
import type { ChangePlan } from '../../core/remediation';

/** Reads a list-of-strings parameter of a plan (node ids, CIDR addresses). */
export function stringListParam(plan: ChangePlan, key: string): string[] {
  const value = plan.params[key];
  if (!Array.isArray(value)) throw new PlanParamsError(plan, key, 'a list of strings');
  const list: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') throw new PlanParamsError(plan, key, 'a list of strings');
    list.push(item);
  }
  return list;
}
