import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import type { ChangePlan } from '../core/remediation';

const sha256 = (value: unknown): string => createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/**
 * What binds an approval to a plan: the hash of the change (what is changed, to what, with which
 * parameters) and the hash of the state it was computed from. The summary is left out: it is
 * prose for people, and the same change said in other words is the same change.
 */
export interface PlanHashes {
  readonly planHash: string;
  readonly stateHash: string;
}

export function planHashes(plan: Pick<ChangePlan, 'remediation' | 'resource' | 'before' | 'after' | 'params'>): PlanHashes {
  return {
    planHash: sha256({ remediation: plan.remediation, resource: plan.resource, after: plan.after, params: plan.params }),
    stateHash: sha256(plan.before),
  };
}
