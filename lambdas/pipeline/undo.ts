import { randomUUID } from 'node:crypto';
import { REMEDIATIONS, isAlertKindId } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { KillSwitchReading, ModeDecision } from '../core/mode';
import type { ActionRecord, AwsCallRecord, Decision, ReasonCode, RecordIntegrity, ResultRecord, Signed } from '../core/record';
import { applyUndo, planUndo } from '../core/run';
import { describeError } from '../runtime/aws-call';
import type { ResponderSettings } from '../runtime/settings';
import { UNDO_WINDOW_DAYS, type AppliedItems, type AppliedOn, type AppliedRecord } from '../guardrails/applied-items';
import type { Guard } from '../guardrails/guard';
import { ladderGuard } from '../guardrails/ladder-guard';
import type { RemediationSet } from './act';
import { finalWrites, type LastWrites } from './final-writes';
import { decideMode } from './mode';
import { NOT_SIGNED, type SignRecord } from './record-signer';
import type { ManualUndo } from './notification';
import { outOfBounds } from './undo-bounds';

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UndoDeps {
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly self: { readonly account: string; readonly region: string };
  readonly requestId?: string;
  readonly now?: () => Date;
  /** What the kill switch said: an undo changes AWS too, so it obeys the switch as a response does. */
  readonly killSwitch?: KillSwitchReading;
  /** The same guards as any apply (lock, cooldown, breaker, loop protection, the ladder). @default the ladder only, no state table */
  readonly guard?: Guard;
  /** The applied-action items the responder wrote: the only source of what to restore. */
  readonly applied?: AppliedItems;
  readonly deadline?: Date;
  /** Signs the undo's record. @default none: the record says it is unsigned */
  readonly sign?: SignRecord;
}

interface Undone {
  readonly record: ActionRecord;
  readonly code: ReasonCode;
}

/** What an undo knows of the incident: the record's alarm, in ALARM when the action was applied. */
function incidentOf(stored: AppliedRecord, deps: UndoDeps, time: Date): Incident {
  return {
    alarm: { ...stored.alarm, name: stored.alarm?.name ?? '', state: 'ALARM', reason: '', stateChangeTime: time, stateChangeTimeRaw: time.toISOString(), metrics: [] },
    kind: stored.alertKind && isAlertKindId(stored.alertKind) ? stored.alertKind : 'high-error-rate',
    region: deps.self.region,
    account: stored.alarm?.account ?? deps.self.account,
    windowSeconds: 0,
  };
}

async function undoOne({ targetKey, action }: AppliedOn, stored: AppliedRecord, recordId: string, mode: ModeDecision, deps: UndoDeps, calls: AwsCallRecord[], last: LastWrites): Promise<Undone> {
  const base: ActionRecord = { remediation: action.remediation, targetKey, resource: action.resource, decision: 'skipped', reason: '', guarded: false, before: action.after };
  const out = (decision: Decision, reason: string, code: ReasonCode = 'undo', extra: Partial<ActionRecord> = {}): Undone => ({ record: { ...base, decision, reason, ...extra }, code });
  const remediation = deps.remediations[action.remediation];
  if (!remediation?.undo) return out('skipped', `${action.remediation} is not reversible (a redeploy, reboot or invalidation cannot be taken back)`);
  // Only a target this responder is configured for, of the type the remediation acts on.
  const target = deps.settings.targets.get(targetKey);
  if (!target) return out('skipped', `resource "${targetKey}" is not configured for this responder`);
  if (REMEDIATIONS[action.remediation].acts !== target.type) return out('skipped', `${action.remediation} does not act on ${target.type} "${targetKey}"`);
  const now = deps.now ?? (() => new Date());
  const ctx = { ...incidentOf(stored, deps, now()), target, now, calls };
  try {
    const plan = await planUndo(remediation, action, ctx);
    if (plan.kind === 'no-op') return out('skipped', plan.reason, 'undo', { before: plan.before });
    const planned = { before: plan.before, plan: { summary: plan.summary, after: plan.after, params: plan.params } };
    const bounds = outOfBounds(plan.after, target.caps);
    if (bounds !== undefined) return out('skipped', `undo refused: ${bounds}`, 'undo', planned);
    if (mode.mode === 'dry-run') return out('planned', `dry run: ${plan.summary}`, 'undo', planned);
    if (mode.halt) return out('planned', mode.halt.reason, 'kill-switch', planned);
    const run = { recordId, deadline: deps.deadline ?? new Date(now().getTime() + 60_000) };
    const admission = await (deps.guard ?? ladderGuard()).admit({ plan, resource: target, settings: deps.settings, now: now(), run, cooldownKey: `undo:${action.remediation}` });
    if (!admission.ok) {
      if (admission.release) last.settles.push(admission.release);
      return out('planned', admission.reason, admission.code, planned);
    }
    const mark = calls.length;
    try {
      const result = await applyUndo(remediation, plan, ctx);
      last.settles.push(() => admission.done(true));
      return out('applied', result.summary, 'undo', { ...planned, after: result.after });
    } catch (err) {
      last.settles.push(() => admission.done(calls.slice(mark).some((c) => c.mutating && c.ok)));
      throw err;
    }
  } catch (err) {
    return out('failed', `undo failed: ${describeError(err)}`);
  }
}

/** Which record an undo reverts, as the applied item names it: its MAC, or why it has none. */
function signedAs(integrity: RecordIntegrity | undefined): string {
  if (!integrity) return 'its record predates signed records';
  return 'mac' in integrity ? `signed record, MAC ${integrity.mac.slice(0, 16)}...` : `its record was written unsigned: ${integrity.unsigned}`;
}

/**
 * Restores the prior values of what a record applied (or, in a dry run, shows what would be
 * restored), reading them from the state table, where only the responders write: a record in
 * the log group proves nothing. The same kill switch and guards as any apply decide. The undo's
 * own record names the signed record it reverts (`undoes`) and is signed too.
 */
export async function undoRecord(input: ManualUndo, deps: UndoDeps): Promise<Signed<ResultRecord>> {
  const last: LastWrites = { settles: [] };
  const record = await undoActions(input, deps, last);
  return finalWrites(record, last, undefined, deps.sign ?? NOT_SIGNED);
}

async function undoActions(input: ManualUndo, deps: UndoDeps, last: LastWrites): Promise<ResultRecord> {
  const started = Date.now();
  const calls: AwsCallRecord[] = [];
  const now = deps.now ?? (() => new Date());
  const recordId = randomUUID();
  const modeDecision = decideMode(input.dryRun ? 'dry-run' : 'enforce', deps.killSwitch, 'manual');
  const { mode, dryRunReason } = modeDecision;
  const result = (decision: Decision, reason: string, code: ReasonCode = 'undo', actions: ActionRecord[] = [], stored?: AppliedRecord): ResultRecord => ({
    recordVersion: 1,
    recordType: 'undo',
    recordId,
    time: now().toISOString(),
    responder: { system: deps.settings.system, family: deps.settings.family, requestId: deps.requestId },
    source: 'manual',
    alarm: stored?.alarm,
    undoes: stored && { recordId: stored.recordId, integrity: stored.integrity },
    mode,
    decision,
    reasonCode: code,
    // A dry run forced by the kill switch says so, as a response's does.
    reason: dryRunReason === undefined ? reason : `${reason} (${dryRunReason})`,
    actions,
    before: Object.fromEntries(actions.map((a) => [a.resource, a.before])),
    after: Object.fromEntries(actions.flatMap((a) => (a.after ? [[a.resource, a.after]] : []))),
    calls,
    durationMs: Date.now() - started,
  });
  if (!RECORD_ID.test(input.recordId)) return result('skipped', `undo: "${input.recordId.slice(0, 80)}" is not a record id (a UUID)`);
  if (!deps.applied) return result('skipped', 'undo: no state table to read applied actions from');
  let stored: AppliedRecord | undefined;
  try {
    stored = await deps.applied.read(input.recordId);
  } catch (err) {
    return result('failed', `undo: could not read the applied actions of ${input.recordId} from the state table: ${describeError(err)}`, 'state-unavailable');
  }
  if (!stored) return result('skipped', `undo: no applied action ${input.recordId} in the state table (only what this deployment's responders applied in the last ${UNDO_WINDOW_DAYS} days can be undone)`);
  if (stored.system !== deps.settings.system || stored.family !== deps.settings.family) {
    return result('skipped', `undo: record ${input.recordId} was made by the ${stored.system} ${stored.family} responder; invoke that one`, 'undo', [], stored);
  }
  if (stored.status !== 'applied' || stored.actions.length === 0) return result('skipped', `undo: record ${input.recordId} applied nothing`, 'undo', [], stored);
  const undone: Undone[] = [];
  for (const a of stored.actions) undone.push(await undoOne(a, stored, recordId, modeDecision, deps, calls, last));
  const actions = undone.map((u) => u.record);
  const has = (d: Decision) => actions.some((a) => a.decision === d);
  const decision: Decision = has('failed') ? 'failed' : has('applied') ? 'applied' : has('planned') ? 'planned' : 'skipped';
  const code = decision === 'applied' || decision === 'failed' ? 'undo' : (undone.find((u) => u.code !== 'undo')?.code ?? 'undo');
  return result(decision, `undo of ${input.recordId} (${signedAs(stored.integrity)}): ${actions.map((a) => `${a.resource}: ${a.reason}`).join('; ')}`, code, actions, stored);
}
