import { randomUUID } from 'node:crypto';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import * as z from 'zod';
import { REMEDIATION_IDS, isAlertKindId, type RemediationId } from '../../lib/catalogue';
import type { AppliedAction } from '../core/applied-action';
import type { Incident } from '../core/alarm';
import type { AnyRemediation, AwsCallRecord, State } from '../core/remediation';
import type { RemediationSet } from './act';
import { awsCall, describeError } from '../runtime/aws-call';
import { logsClient } from '../runtime/clients/logs';
import type { ManualUndo } from './notification';
import type { ActionRecord, Decision, ResultRecord } from '../core/record';
import type { ResponderSettings } from '../runtime/settings';

/** How far back a record may be undone: older changes have likely been superseded. */
export const UNDO_WINDOW_DAYS = 30;
const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const stateSchema = z.record(z.string(), z.unknown()) as unknown as z.ZodType<State>;
const storedRecordSchema = z.object({
  recordId: z.string(),
  recordType: z.literal('notification'),
  responder: z.object({ system: z.string(), family: z.string() }),
  alarm: z.object({ name: z.string(), arn: z.string().optional(), region: z.string().optional(), account: z.string().optional() }).optional(),
  alertKind: z.string().optional(),
  actions: z.array(
    z.object({
      remediation: z.enum(REMEDIATION_IDS as [RemediationId, ...RemediationId[]]),
      targetKey: z.string(),
      resource: z.string(),
      decision: z.string(),
      before: stateSchema,
      after: stateSchema.optional(),
      plan: z.object({ params: stateSchema }).partial().optional(),
    }),
  ),
});
type StoredRecord = z.infer<typeof storedRecordSchema>;

export interface UndoDeps {
  readonly settings: ResponderSettings;
  readonly remediations: RemediationSet;
  readonly self: { readonly account: string; readonly region: string };
  readonly requestId?: string;
  readonly now?: () => Date;
  /** Finds a record by id; by default in the remediation log group. */
  readonly findRecord?: (recordId: string, calls: AwsCallRecord[]) => Promise<unknown>;
}

/** Looks the record up in the remediation log group with a JSON filter on its id. */
export async function findRecordInLog(logGroupName: string, recordId: string, calls: AwsCallRecord[], now: Date): Promise<unknown> {
  let nextToken: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const out = await awsCall(calls, 'logs', 'FilterLogEvents', () =>
      logsClient.send(
        new FilterLogEventsCommand({
          logGroupName,
          filterPattern: `{ $.recordId = "${recordId}" }`,
          startTime: now.getTime() - UNDO_WINDOW_DAYS * 86_400_000,
          nextToken,
        }),
      ),
      { mutating: false },
    );
    const hit = out.events?.find((e) => e.message);
    if (hit?.message) return JSON.parse(hit.message) as unknown;
    nextToken = out.nextToken;
    if (!nextToken) return undefined;
  }
  return undefined;
}

function undoAction(a: ActionRecord, decision: Decision, reason: string, extra: Partial<ActionRecord> = {}): ActionRecord {
  return { ...a, decision, reason, ...extra };
}

async function undoOne(a: StoredRecord['actions'][number], stored: StoredRecord, mode: 'dry-run' | 'enforce', deps: UndoDeps, calls: AwsCallRecord[]): Promise<ActionRecord> {
  const base: ActionRecord = { remediation: a.remediation, targetKey: a.targetKey, resource: a.resource, decision: 'skipped', reason: '', guarded: false, before: a.after ?? {} };
  const remediation = deps.remediations[a.remediation] as AnyRemediation | undefined;
  if (!remediation?.undo) return undoAction(base, 'skipped', `${a.remediation} is not reversible (a redeploy, reboot or invalidation cannot be taken back)`);
  const target = deps.settings.targets.get(a.targetKey);
  if (!target) return undoAction(base, 'skipped', `resource "${a.targetKey}" is no longer configured for this responder`);
  const now = deps.now ?? (() => new Date());
  const time = now();
  const incident: Incident = {
    // Only an alarm in ALARM acts, so the record's alarm was in ALARM when the action was applied.
    alarm: { ...stored.alarm, name: stored.alarm?.name ?? '', state: 'ALARM', reason: '', stateChangeTime: time, stateChangeTimeRaw: time.toISOString(), metrics: [] },
    kind: stored.alertKind && isAlertKindId(stored.alertKind) ? stored.alertKind : 'high-error-rate',
    region: stored.alarm?.region ?? deps.self.region,
    account: stored.alarm?.account ?? deps.self.account,
    windowSeconds: 0,
  };
  const ctx = { ...incident, target: target as never, now, calls };
  const applied: AppliedAction = { remediation: a.remediation, resource: a.resource, before: a.before, after: a.after ?? {}, params: a.plan?.params ?? {} };
  try {
    const plan = await remediation.undo.plan(applied, ctx);
    if (plan.kind === 'no-op') return undoAction(base, 'skipped', plan.reason, { before: plan.before });
    const planned = { before: plan.before, plan: { summary: plan.summary, after: plan.after, params: plan.params } };
    if (mode === 'dry-run') return undoAction(base, 'planned', `dry run: ${plan.summary}`, planned);
    const result = await remediation.undo.apply(plan, ctx);
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
  const mode = input.dryRun ? 'dry-run' : 'enforce';
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
    reason,
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
  const parsed = storedRecordSchema.safeParse(raw);
  if (!parsed.success) return result('skipped', `undo: record ${input.recordId} is not a notification record with actions`);
  const stored = parsed.data;
  if (stored.responder.system !== deps.settings.system || stored.responder.family !== deps.settings.family) {
    return result('skipped', `undo: record ${input.recordId} was made by the ${stored.responder.system} ${stored.responder.family} responder; invoke that one`, [], stored);
  }
  const applied = stored.actions.filter((a) => a.decision === 'applied');
  if (applied.length === 0) return result('skipped', `undo: record ${input.recordId} applied nothing`, [], stored);
  const actions: ActionRecord[] = [];
  for (const a of applied) actions.push(await undoOne(a, stored, mode, deps, calls));
  const has = (d: Decision) => actions.some((a) => a.decision === d);
  const decision: Decision = has('failed') ? 'failed' : has('applied') ? 'applied' : has('planned') ? 'planned' : 'skipped';
  return result(decision, `undo of ${input.recordId}: ${actions.map((a) => `${a.resource}: ${a.reason}`).join('; ')}`, actions, stored);
}
