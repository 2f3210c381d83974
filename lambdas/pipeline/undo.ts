import { randomUUID } from 'node:crypto';
import { isAlertKindId } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { KillSwitchReading, ModeDecision } from '../core/mode';
import type { ActionRecord, AwsCallRecord, Decision, ResultRecord } from '../core/record';
import { applyUndo, planUndo } from '../core/run';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import type { RemediationSet } from './act';
import { appliedActions, findRecordInLog, readStoredRecord, UNDO_WINDOW_DAYS, type AppliedOn, type FindRecord, type StoredRecord } from './applied-actions';
import { decideMode } from './mode';
import type { ManualUndo } from './notification';

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UndoDeps {
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly self: { readonly account: string; readonly region: string };
  readonly requestId?: string;
  readonly now?: () => Date;
  /** What the kill switch said: an undo changes AWS too, so it obeys the switch as a response does. */
  readonly killSwitch?: KillSwitchReading;
  /** Finds a record by id; by default in the remediation log group. */
  readonly findRecord?: FindRecord;
}

function undoAction(a: ActionRecord, decision: Decision, reason: string, extra: Partial<ActionRecord> = {}): ActionRecord {
  return { ...a, decision, reason, ...extra };
}

/** What an undo knows of the incident: the record's alarm, in ALARM when the action was applied. */
function incidentOf(stored: StoredRecord, deps: UndoDeps, time: Date): Incident {
  return {
    // Only an alarm in ALARM acts, so the record's alarm was in ALARM when the action was applied.
    alarm: { ...stored.alarm, name: stored.alarm?.name ?? '', state: 'ALARM', reason: '', stateChangeTime: time, stateChangeTimeRaw: time.toISOString(), metrics: [] },
    kind: stored.alertKind && isAlertKindId(stored.alertKind) ? stored.alertKind : 'high-error-rate',
    region: stored.alarm?.region ?? deps.self.region,
    account: stored.alarm?.account ?? deps.self.account,
    windowSeconds: 0,
  };
}

async function undoOne({ targetKey, action }: AppliedOn, stored: StoredRecord, decision: ModeDecision, deps: UndoDeps, calls: AwsCallRecord[]): Promise<ActionRecord> {
  const base: ActionRecord = { remediation: action.remediation, targetKey, resource: action.resource, decision: 'skipped', reason: '', guarded: false, before: action.after };
  const remediation = deps.remediations[action.remediation];
  if (!remediation?.undo) return undoAction(base, 'skipped', `${action.remediation} is not reversible (a redeploy, reboot or invalidation cannot be taken back)`);
  const target = deps.settings.targets.get(targetKey);
  if (!target) return undoAction(base, 'skipped', `resource "${targetKey}" is no longer configured for this responder`);
  const now = deps.now ?? (() => new Date());
  const ctx = { ...incidentOf(stored, deps, now()), target, now, calls };
  try {
    const plan = await planUndo(remediation, action, ctx);
    if (plan.kind === 'no-op') return undoAction(base, 'skipped', plan.reason, { before: plan.before });
    const planned = { before: plan.before, plan: { summary: plan.summary, after: plan.after, params: plan.params } };
    if (decision.mode === 'dry-run') return undoAction(base, 'planned', `dry run: ${plan.summary}`, planned);
    if (decision.halt) return undoAction(base, 'planned', decision.halt.reason, planned);
    const result = await applyUndo(remediation, plan, ctx);
    return undoAction(base, 'applied', result.summary, { ...planned, after: result.after });
  } catch (err) {
    return undoAction(base, 'failed', `undo failed: ${describeError(err)}`);
  }
}

/** Restores the prior values of a record's applied actions (or, in a dry run, shows what would be restored). */
export async function undoRecord(input: ManualUndo, deps: UndoDeps): Promise<ResultRecord> {
  const started = Date.now();
  const calls: AwsCallRecord[] = [];
  const now = deps.now ?? (() => new Date());
  const modeDecision = decideMode(input.dryRun ? 'dry-run' : 'enforce', deps.killSwitch);
  const { mode, dryRunReason } = modeDecision;
  const result = (decision: Decision, reason: string, actions: ActionRecord[] = [], stored?: StoredRecord): ResultRecord => ({
    recordVersion: 1,
    recordType: 'undo',
    recordId: randomUUID(),
    time: now().toISOString(),
    responder: { system: deps.settings.system, family: deps.settings.family, requestId: deps.requestId },
    source: 'manual',
    alarm: stored?.alarm,
    mode,
    decision,
    reasonCode: 'undo',
    // A dry run forced by the kill switch says so, as a response's does.
    reason: dryRunReason === undefined ? reason : `${reason} (${dryRunReason})`,
    actions,
    before: Object.fromEntries(actions.map((a) => [a.resource, a.before])),
    after: Object.fromEntries(actions.flatMap((a) => (a.after ? [[a.resource, a.after]] : []))),
    calls,
    durationMs: Date.now() - started,
  });
  if (!RECORD_ID.test(input.recordId)) return result('skipped', `undo: "${input.recordId.slice(0, 80)}" is not a record id (a UUID)`);
  let raw: unknown;
  try {
    raw = await (deps.findRecord ?? ((id, c) => findRecordInLog(deps.settings.remediationLogGroup, id, c, now())))(input.recordId, calls);
  } catch (err) {
    return result('failed', `undo: could not search the remediation log: ${describeError(err)}`);
  }
  if (raw === undefined) return result('skipped', `undo: no record ${input.recordId} in the last ${UNDO_WINDOW_DAYS} days`);
  const stored = readStoredRecord(raw);
  if (stored === undefined) return result('skipped', `undo: record ${input.recordId} is not a notification record with actions`);
  if (stored.responder.system !== deps.settings.system || stored.responder.family !== deps.settings.family) {
    return result('skipped', `undo: record ${input.recordId} was made by the ${stored.responder.system} ${stored.responder.family} responder; invoke that one`, [], stored);
  }
  const applied = appliedActions(stored);
  if (applied.length === 0) return result('skipped', `undo: record ${input.recordId} applied nothing`, [], stored);
  const actions: ActionRecord[] = [];
  for (const a of applied) actions.push(await undoOne(a, stored, modeDecision, deps, calls));
  const has = (d: Decision) => actions.some((a) => a.decision === d);
  const decision: Decision = has('failed') ? 'failed' : has('applied') ? 'applied' : has('planned') ? 'planned' : 'skipped';
  return result(decision, `undo of ${input.recordId}: ${actions.map((a) => `${a.resource}: ${a.reason}`).join('; ')}`, actions, stored);
}
