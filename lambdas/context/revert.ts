import type { Caps, RemediationId, Target } from '../../lib/catalogue';
import type { ChangedValue, ContextRecord, RecentChange } from '../core/context';
import type { ChangePlan } from '../core/remediation';

/**
 * The recent changes the responder knows how to put back, by the setting CloudTrail recorded: the
 * remediation whose plan sets it, the key of that value in its plan's params and after, whether
 * only a cut is reverted (a number lowered), and the cap that bounds it.
 */
interface Reversible {
  readonly remediation: RemediationId;
  readonly key: string;
  readonly lowered: boolean;
  readonly cap?: keyof Caps;
}

const REVERSIBLE: Readonly<Record<string, Reversible>> = {
  MemorySize: { remediation: 'double-lambda-memory', key: 'memoryMb', lowered: true, cap: 'maxMemoryMb' },
  Timeout: { remediation: 'double-lambda-timeout', key: 'timeoutSeconds', lowered: true, cap: 'maxTimeoutSeconds' },
  ReservedConcurrentExecutions: { remediation: 'raise-reserved-concurrency', key: 'reservedConcurrency', lowered: true, cap: 'maxReservedConcurrency' },
  FunctionVersion: { remediation: 'rollback-lambda-alias', key: 'functionVersion', lowered: false },
};

/** What the plan became: the revert preferred, or the plan as it was with why no revert. */
export interface RevertChoice {
  readonly plan: ChangePlan;
  /** Said in the record when a recent change was found but is not reverted. */
  readonly note?: string;
}

const describe = (c: RecentChange, v: ChangedValue) => `${v.setting} set to ${v.to} at ${c.time} by ${c.who} (${c.event}, event ${c.eventId})`;

function isCut(v: ChangedValue): boolean {
  return typeof v.from === 'number' && typeof v.to === 'number' && v.to < v.from;
}

/** The params and after of the plan with the key set to `value`: the same path to apply it, the same revision checks. */
function withValue(plan: ChangePlan, key: string, value: string | number): ChangePlan {
  const after = key === 'functionVersion' ? { ...plan.after, aliasVersion: String(value) } : { ...plan.after, [key]: value };
  return { ...plan, params: { ...plan.params, [key]: value }, after };
}

/**
 * Where the alarm follows a recent change to the setting this plan changes, prefers putting that
 * change back: the plan then sets the value the change replaced, known from something verifiable
 * (an earlier CloudTrail event of the same setting), and says so. Without such a value, or beyond
 * the cap, it says why and keeps the plan. A revert is at most `propose` unless `allowRevert`.
 */
export function preferRevert(plan: ChangePlan, resource: Target, context: ContextRecord, allowRevert: boolean): RevertChoice {
  const taskDefinition = [...context.recentChanges].reverse().find((c) => c.resource === resource.key && c.changed?.setting === 'taskDefinition');
  if (resource.type === 'ecs' && taskDefinition?.changed) {
    const previous = taskDefinition.changed.from === undefined ? 'a previous value that cannot be known from a verifiable source' : String(taskDefinition.changed.from);
    const note = `recent change ${describe(taskDefinition, taskDefinition.changed)}: reverting it means deploying ${previous}, which no remediation of the responder does; people decide`;
    return { plan, note };
  }
  const latest = [...context.recentChanges].reverse().find((c) => c.resource === resource.key && c.changed && REVERSIBLE[c.changed.setting]?.remediation === plan.remediation);
  const changed = latest?.changed;
  if (!latest || !changed) return { plan };
  const reversible = REVERSIBLE[changed.setting];
  if (!reversible || !(reversible.key in plan.params)) return { plan };
  if (changed.from === undefined) {
    return { plan, note: `recent change ${describe(latest, changed)}: its previous value cannot be known from a verifiable source, so it is not reverted` };
  }
  if (reversible.lowered && !isCut(changed)) return { plan };
  const cap = reversible.cap === undefined ? undefined : resource.caps[reversible.cap];
  if (typeof changed.from === 'number' && typeof cap === 'number' && changed.from > cap) {
    return { plan, note: `recent change ${describe(latest, changed)}: reverting it to ${changed.from} would exceed ${reversible.cap} (${cap}), so it is not reverted` };
  }
  const reverted = withValue(plan, reversible.key, changed.from);
  const summary = `revert the recent change (${describe(latest, changed)}) to ${changed.from}, from ${changed.fromSource ?? 'a verifiable source'}, rather than ${plan.summary}`;
  const atMost = allowRevert ? undefined : { level: 'propose' as const, why: 'a revert of a recent change is at most proposed unless context.allowRevert is true' };
  return { plan: { ...reverted, summary, reverts: { key: reversible.key }, ...(atMost ? { atMost } : {}) } };
}

/**
 * At approval, the revert a person approved, planned again: the fresh plan of the same remediation
 * with the value the proposal set back (the CloudTrail event that justified it is past the window
 * by then, and caps change only with a deploy). Whether the state is still the one the proposal
 * saw is the approval's state hash to tell. Any other plan is returned as planned.
 */
export function replayRevert(fresh: ChangePlan, proposed: Pick<ChangePlan, 'remediation' | 'params' | 'summary' | 'reverts'>): ChangePlan {
  const key = proposed.reverts?.key;
  if (key === undefined || proposed.remediation !== fresh.remediation || !(key in fresh.params)) return fresh;
  const value = (proposed.params as Record<string, unknown>)[key];
  if (typeof value !== 'string' && typeof value !== 'number') return fresh;
  return { ...withValue(fresh, key, value), summary: proposed.summary, reverts: { key } };
}
