import { PERMANENT_FIXES, REMEDIATIONS, configuredLevelOf, defaultLevel, lowerLevel, severityCapOf, type AutonomyLimits, type ConfiguredLevel, type RemediationId, type Severity, type Target } from '../../lib/catalogue';
import type { AutonomyLevel } from '../core/autonomy';
import type { FixScore, LevelRecord, RecurrenceRecord } from '../core/ladder-record';
import type { ChangePlan } from '../core/remediation';
import type { GuardrailLimits } from '../runtime/settings';
import type { RemediationHistory } from './history';

const DAY_MS = 86_400_000;

/** A level and why, with what the record shows of the history it was decided from. */
export interface LevelDecision extends LevelRecord {
  readonly fixScore?: FixScore;
  readonly recurrence?: RecurrenceRecord;
  /** The history read for the decision (the apply is added to it once made). */
  readonly history?: RemediationHistory;
  /** Set where the history could not be read: the level is at most propose, and the record says `state-unavailable`. */
  readonly unavailable?: true;
  /**
   * Who approved the plan, where it is applied on approval (the approvals pass their level to
   * the guards with it): the apply is kept in the history as approved, which promotion counts.
   */
  readonly approvedBy?: string;
}

/** What the ladder decides from: the plan, where, the alert's severity (none: a person's undo), the history where read. */
export interface LadderInput {
  readonly plan: Pick<ChangePlan, 'remediation' | 'atMost'>;
  readonly resource: Target;
  readonly severity?: Severity;
  readonly settings: { readonly guardrails: Pick<GuardrailLimits, 'autonomousSeverities'>; readonly autonomy: AutonomyLimits };
  readonly now: Date;
  /** Undefined: not read (the run has no state table, or a person's undo, which no brake holds). */
  readonly history?: RemediationHistory;
}

/** One rung's say: a level and why. */
type Say = { readonly level: AutonomyLevel; readonly why: string };

function where(c: ConfiguredLevel, resource: Target): string {
  switch (c.from) {
    case 'resource':
      return `set on ${resource.type} "${resource.key}" (autonomy)`;
    case 'guarded':
      return `enabled by "guarded" on ${resource.type} "${resource.key}"`;
    case 'system':
      return `set for system "${resource.system}" (autonomy)`;
    case 'deployment':
      return 'set for the deployment (autonomy)';
  }
}

/** The level the configuration gives the remediation on the resource (the resource's own, then its system's or the deployment's), or the built-in default. */
export function configuredSay(remediation: RemediationId, resource: Target, system?: AutonomyLimits['system']): Say {
  const set = configuredLevelOf(remediation, resource, system);
  if (set) return { level: set.level, why: `${remediation} ${set.level}: ${where(set, resource)}` };
  const level = defaultLevel(remediation);
  const kind = REMEDIATIONS[remediation].guarded ? 'a guarded action (enable it with "guarded" or autonomy on the resource)' : 'not guarded';
  return { level, why: `${remediation} ${level}: built-in default, ${kind}` };
}

/**
 * Promotion, where configured: a remediation at `propose` by configuration (or by default)
 * becomes `auto` after `promoteAfter` approved runs whose re-check found the alarm recovered.
 * The severity cap, the plan's bound, the brake and the score still apply after it.
 */
function promoted(configured: Say, input: LadderInput): Say {
  const after = input.settings.autonomy.promoteAfter;
  if (after === undefined || configured.level !== 'propose' || !input.history) return configured;
  const earned = input.history.applies.filter((a) => a.approvedBy !== undefined && a.verification === 'recovered').length;
  if (earned < after) return configured;
  return { level: 'auto', why: `${input.plan.remediation} promoted from propose to auto on "${input.resource.key}": ${earned} approved runs recovered (autonomy.promoteAfter: ${after})` };
}

/** The cap of the alert's severity: a system's or the resource's `autonomy.severities`, else `autonomousSeverities` (listed: auto; not: propose). */
function severitySay(severity: Severity, input: LadderInput): Say {
  const set = severityCapOf(severity, input.resource, input.settings.autonomy.system);
  if (set) return { level: set.level, why: `${severity} alerts at most ${set.level}: ${where(set, input.resource)}` };
  const listed = input.settings.guardrails.autonomousSeverities;
  return listed.includes(severity)
    ? { level: 'auto', why: `${severity} alerts may act on their own (autonomousSeverities)` }
    : { level: 'propose', why: `${severity} alerts do not act on their own (autonomousSeverities: ${listed.join(', ') || 'none'})` };
}

/** The recurrence brake: applied `maxApplies` times within `days` days, the remediation is handed to people. */
function brake(input: LadderInput, history: RemediationHistory): { say: Say; recurrence: RecurrenceRecord } | undefined {
  const { maxApplies, days } = input.settings.autonomy.recurrence;
  const since = input.now.getTime() - days * DAY_MS;
  const recent = history.applies.filter((a) => Date.parse(a.at) > since);
  if (recent.length < maxApplies) return undefined;
  const { remediation } = input.plan;
  const why = `recurrence brake: ${remediation} was applied to "${input.resource.key}" ${recent.length} times in the last ${days} days (autonomy.recurrence: ${maxApplies} in ${days}); to make the fix permanent: ${PERMANENT_FIXES[remediation]}`;
  return { say: { level: 'propose', why }, recurrence: { applies: recent, days, permanentFix: PERMANENT_FIXES[remediation] } };
}

/** The fix score: the last `failedVerifications` re-checks all still firing hands the remediation to people. */
function scoreSay(input: LadderInput, score: FixScore): Say | undefined {
  const k = input.settings.autonomy.failedVerifications;
  const last = score.recent.slice(-k);
  if (last.length < k || last.some((o) => o !== 'still-alarm')) return undefined;
  const why = `fix score: the last ${k} re-checks of ${input.plan.remediation} on "${input.resource.key}" found the alarm still firing (${score.recovered} recovered, ${score.failed} still firing; autonomy.failedVerifications: ${k})`;
  return { level: 'propose', why };
}

/**
 * The level of a plan on a resource: the lowest of the configured level, the severity's cap,
 * the plan's own `atMost`, the recurrence brake and the fix score. Why names every rung that
 * set the level (for `auto`, the configured level and the severity's).
 */
export function decideLevel(input: LadderInput): LevelDecision {
  const says: Say[] = [promoted(configuredSay(input.plan.remediation, input.resource, input.settings.autonomy.system), input)];
  if (input.severity !== undefined) says.push(severitySay(input.severity, input));
  if (input.plan.atMost) says.push({ level: input.plan.atMost.level, why: input.plan.atMost.why });
  const { history } = input;
  const held = history && brake(input, history);
  if (held) says.push(held.say);
  const failing = history && scoreSay(input, history.score);
  if (failing) says.push(failing);
  const level = says.map((s) => s.level).reduce(lowerLevel);
  const why = says.filter((s) => s.level === level).map((s) => s.why).join('; ');
  return {
    level,
    why,
    ...(history ? { history, fixScore: history.score } : {}),
    ...(held && level === 'propose' ? { recurrence: held.recurrence } : {}),
  };
}
