import type { Alarm } from '../core/alarm';
import type { ActionRecord, ResultRecord, Signed } from '../core/record';
import type { State, StateValue } from '../core/state';
import { describeError } from '../runtime/aws-call';
import type { AppliedItems, AppliedOn } from '../guardrails/applied-items';
import type { StoredOutcome } from '../guardrails/claims';
import type { SignRecord } from './record-signer';

/** The state-table writes a run makes once its record is final, all at once (one round trip). */
export interface LastWrites {
  /** Stores the outcome on the run's claim of the transition. */
  complete?: (outcome: StoredOutcome) => Promise<void>;
  /** Each admission's release (lock and intent; the cooldown too where nothing changed). */
  readonly settles: Array<() => Promise<void>>;
  /** Set once an apply was attempted: what the applied-action item says of the alarm. */
  applying?: { readonly alarm?: Alarm; readonly alertKind?: string };
}

const isState = (v: StateValue | undefined): v is State => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What undo needs of an applied action: the plan's before and params, apply's after. */
function appliedOn(a: ActionRecord): AppliedOn {
  const params = a.plan?.params;
  return { targetKey: a.targetKey, action: { remediation: a.remediation, resource: a.resource, before: a.before, after: a.after ?? {}, params: isState(params) ? params : {} } };
}

/**
 * Completes the claim, releases the resources and stores what was applied, at once, and signs
 * the record. The applied item keeps the record's MAC, so where there is one the record is signed
 * first; otherwise signing overlaps the writes. A failure loses no record: the record says what
 * could not be written, and that record is signed again (a second GenerateMac, only then). (A
 * release left undone is reported as an interrupted run until its hold ends; an applied action
 * not stored cannot be undone by the responder.)
 */
export async function finalWrites(record: ResultRecord, last: LastWrites, applied: AppliedItems | undefined, sign: SignRecord): Promise<Signed<ResultRecord>> {
  const writes: Array<[string, () => Promise<void>]> = [];
  const { complete, applying } = last;
  if (complete) writes.push(['store the outcome of this notification', () => complete({ recordId: record.recordId, decision: record.decision, reasonCode: record.reasonCode })]);
  for (const settle of last.settles) writes.push(['release the resource', settle]);
  const settleAll = () => Promise.allSettled(writes.map(([, write]) => write()));
  let signed: Signed<ResultRecord>;
  let results: PromiseSettledResult<void>[];
  if (applying && applied) {
    signed = await sign(record);
    const actions = record.actions.filter((a) => a.decision === 'applied').map(appliedOn);
    const alarm = applying.alarm && { name: applying.alarm.name, arn: applying.alarm.arn, region: applying.alarm.region, account: applying.alarm.account };
    const item = { recordId: record.recordId, system: record.responder.system, family: record.responder.family, appliedAt: record.time, alarm, alertKind: applying.alertKind };
    const integrity = signed.integrity;
    writes.push(['store the applied actions for undo', () => applied.write({ ...item, status: actions.length > 0 ? 'applied' : 'failed', actions, integrity })]);
    results = await settleAll();
  } else {
    [signed, results] = await Promise.all([sign(record), settleAll()]);
  }
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`state table: could not ${writes[i][0]} (${describeError(r.reason)})`] : []));
  return failed.length === 0 ? signed : sign({ ...record, reason: `${record.reason}; ${failed.join('; ')}` });
}
