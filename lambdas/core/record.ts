import type { AlertKindId, RemediationId, Severity } from '../../lib/catalogue';
import type { ContextRecord, OpenWindow } from './context';
import type { FixScore, LevelRecord, RecurrenceRecord } from './ladder-record';
import type { State } from './state';

export type { AppliedEntry, CountedOutcome, FixScore, LevelRecord, RecurrenceRecord } from './ladder-record';

/** One AWS API call a remediation made, as the result record lists it. */
export interface AwsCallRecord {
  readonly service: string;
  readonly operation: string;
  readonly mutating: boolean;
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: string;
}

/** What the record says of the re-check scheduled after an applied action. */
export interface VerificationScheduled {
  readonly scheduled: boolean;
  readonly afterSeconds: number;
  readonly messageId?: string;
  readonly error?: string;
}

/** What the responder decided for a notification. */
export type Decision = 'applied' | 'planned' | 'skipped' | 'failed' | 'escalated';

/** Why, in a word a metric filter or a query can group by. */
export type ReasonCode =
  | 'invalid-input'
  | 'unknown-alarm'
  | 'foreign-alarm'
  /** Not an alarm this deployment planned: no such alarm, another ARN, or a kind not planned on the target. */
  | 'not-planned'
  /** The alarm read back is not in ALARM now. */
  | 'not-in-alarm'
  /** Older than maxNotificationAgeMinutes, from the future, or about an earlier transition than the alarm's own. */
  | 'stale'
  /** The alarm's metric data does not show the breach: planned, not applied, people told. */
  | 'unconfirmed'
  /** An earlier run on the resource died between taking it and releasing it: people told, nothing applied. */
  | 'interrupted'
  /** The state table could not be read or written: nothing applied, people told. */
  | 'state-unavailable'
  /** Inside a maintenance window of the resource, its system or the deployment: planned, not applied; paged only for the severities configured to page. */
  | 'maintenance'
  | 'resolved'
  | 'ignored-state'
  | 'duplicate'
  | 'no-op'
  | 'dry-run'
  /** Before the ladder: a guarded action not enabled (records written before it). */
  | 'guarded'
  | 'kill-switch'
  /** A deployment is changing the resource: planned, not applied, re-checked after it (issue 14). */
  | 'deploying'
  /** Before the ladder: a severity outside autonomousSeverities (records written before it). */
  | 'autonomy'
  /** The action's level is observe: planned and recorded, people told as for any unhandled alarm. */
  | 'observe'
  /** The action's level is propose: planned, recorded and proposed to people (or escalated with the plan). */
  | 'propose'
  | 'cooldown'
  | 'locked'
  | 'circuit-breaker'
  | 'loop-protection'
  | 'escalate-only'
  | 'applied'
  | 'apply-failed'
  | 'plan-failed'
  | 'undo'
  /** An approval: the approved plan, planned again and unchanged, passed the guards and was applied (or its apply failed). */
  | 'approved'
  /** A person rejected the proposal: nothing applied. */
  | 'rejected'
  /** No such proposal (or not this responder's): nothing applied. */
  | 'approval-unknown'
  /** The proposal expired before it was approved: nothing applied. */
  | 'approval-expired'
  /** The proposal was already approved or rejected: single use, nothing applied. */
  | 'approval-used'
  /** Planned again at approval, the plan or the state it was computed from differ: nothing applied. */
  | 'approval-stale'
  /** The caller is not one of the configured approvers, or could not be identified: nothing applied. */
  | 'approval-denied';

export type Mode = 'dry-run' | 'enforce';

/** One remediation considered on one resource. */
export interface ActionRecord {
  readonly remediation: RemediationId;
  /** The configured resource acted on (its key in the configuration), e.g. `rung-api-prod`. */
  readonly targetKey: string;
  /** The AWS resource changed, e.g. `rung-api-prod:prod`. */
  readonly resource: string;
  readonly decision: Decision;
  readonly reason: string;
  readonly guarded: boolean;
  readonly before: State;
  readonly after?: State;
  readonly plan?: State;
  /** The level the action was decided at, and why (absent where it was never asked: a dry run, the kill switch, a no-op). */
  readonly level?: LevelRecord;
  /** How this remediation has fared on this resource, where its history was read. */
  readonly fixScore?: FixScore;
  /** Set where the recurrence brake held the action back: its recent applies and what would make the fix permanent. */
  readonly recurrence?: RecurrenceRecord;
  /** A plan held for a person's approval: where it is stored and how to approve it. */
  readonly proposal?: ProposalRecord;
}

/** What a record says of a plan it proposed (stored in the state table, sent to people). */
export interface ProposalRecord {
  /** The id to approve or reject: `<system>.<family>.<uuid>`, so the CLI finds the responder from it. */
  readonly id: string;
  /** Until when it may be approved (ISO time). */
  readonly expiresAt: string;
  /** SHA-256 of the plan (canonical JSON of remediation, resource, after and params). */
  readonly planHash: string;
  /** SHA-256 of the state the plan was computed from (canonical JSON of its `before`). */
  readonly stateHash: string;
  /** Stored and the request published; or why not (the plan is then escalated as before). */
  readonly stored: boolean;
  readonly error?: string;
  /** The approval request sent to people. */
  readonly request?: EscalationRecord;
}

/** An approval's or rejection's record: who decided, on which proposal of which record. */
export interface ApprovalRecord {
  readonly proposalId: string;
  /** The record of the run that proposed the plan. */
  readonly proposedIn?: string;
  readonly verdict: 'approve' | 'reject';
  /** The caller as the function URL's IAM authorizer names it (`userArn`), and its account. */
  readonly approver: { readonly arn: string; readonly accountId?: string };
  /** What the person wrote with the decision. */
  readonly note?: string;
}

export interface AlarmRecord {
  readonly name: string;
  readonly arn?: string;
  readonly state?: string;
  readonly previousState?: string;
  readonly reason?: string;
  readonly time?: string;
  readonly region?: string;
  readonly account?: string;
  readonly shape?: string;
}

export interface EscalationRecord {
  readonly published: boolean;
  readonly topicArn: string;
  readonly messageId?: string;
  readonly reason: string;
  readonly error?: string;
  /** Multi-account: the copy sent to the operations account's escalation topic. */
  readonly central?: { readonly topicArn: string; readonly messageId?: string; readonly error?: string };
}

/**
 * Whether the alarm's own metric data shows the breach it reports (GetMetricData over its
 * evaluation window): `confirmed` null where it cannot be told from data (a composite alarm).
 */
export interface BreachConfirmation {
  readonly confirmed: boolean | null;
  readonly reason: string;
}

/**
 * How a record proves it was written by a responder: an HMAC (KMS GenerateMac, HMAC_SHA_256) with
 * the deployment's record key over the record without this field (lambdas/runtime/record-mac.ts),
 * or why it could not be signed (KMS unavailable: the record is written anyway, and counted).
 */
export type RecordIntegrity =
  | { readonly alg: 'HMAC_SHA_256'; readonly keyId: string; readonly mac: string }
  | { readonly unsigned: string };

/** A record as it is written to the remediation log: it always says whether and how it is signed. */
export type Signed<R> = R & { readonly integrity: RecordIntegrity };

/** The signed record an undo reverts, as the state table's applied item names it. */
export interface UndoneRecord {
  readonly recordId: string;
  /** The MAC of that record, or why it was written unsigned; absent for items written before records were signed. */
  readonly integrity?: RecordIntegrity;
}

/** The one structured record every notification yields, posted to the remediation log group. */
export interface ResultRecord {
  readonly recordVersion: 1;
  /** A notification's record, the record of a manual undo, or of a person's approval or rejection of a proposal. */
  readonly recordType: 'notification' | 'undo' | 'approval';
  readonly recordId: string;
  readonly time: string;
  readonly responder: { readonly system: string; readonly family: string; readonly requestId?: string };
  readonly source: 'sns' | 'manual' | 'invalid';
  readonly messageId?: string;
  readonly alarm?: AlarmRecord;
  readonly alertKind?: AlertKindId;
  readonly severity?: Severity;
  readonly system?: string;
  readonly target?: { readonly type: string; readonly key: string };
  readonly mode: Mode;
  readonly decision: Decision;
  readonly reasonCode: ReasonCode;
  readonly reason: string;
  readonly actions: readonly ActionRecord[];
  /** State before and after, by resource. */
  readonly before: Readonly<Record<string, State>>;
  readonly after: Readonly<Record<string, State>>;
  readonly calls: readonly AwsCallRecord[];
  readonly escalation?: EscalationRecord;
  /** After an applied action: when the alarm will be re-checked. */
  readonly verification?: VerificationScheduled;
  /** Before a change: whether the alarm's metric data confirmed the breach. */
  readonly confirmation?: BreachConfirmation;
  /** An undo's: the record whose actions it reverts. */
  readonly undoes?: UndoneRecord;
  /** An approval's: who approved or rejected which proposal. */
  readonly approval?: ApprovalRecord;
  /** What surrounded the target when the responder decided: deployments, recent changes, drift, the maintenance window it was in, and what could not be read. */
  readonly context?: ContextRecord;
  readonly durationMs: number;
}

/** The re-check of an applied action, some minutes later. */
export interface VerificationRecord {
  readonly recordVersion: 1;
  readonly recordType: 'verification';
  readonly recordId: string;
  readonly time: string;
  /** The record of the applied action this checks. */
  readonly verifies: string;
  readonly responder: { readonly system: string; readonly family: string };
  readonly alarm: { readonly name: string; readonly state?: string; readonly reason?: string };
  /**
   * `interrupted`: the run that scheduled it died between apply and record (escalated);
   * `nothing-applied`: its apply failed (already escalated); `unknown-record`: no such run in the
   * state table (a message the responders did not send), ignored.
   */
  readonly outcome: 'recovered' | 'still-alarm' | 'insufficient-data' | 'alarm-not-found' | 'failed' | 'interrupted' | 'nothing-applied' | 'unknown-record';
  readonly reason: string;
  readonly escalation?: EscalationRecord;
  /** The maintenance window the re-check fell in: a still-firing alarm was not escalated. */
  readonly maintenance?: OpenWindow;
  /** The fix score of each remediation this re-check counted for, after counting it. */
  readonly scores?: readonly VerifiedScore[];
  readonly calls: readonly AwsCallRecord[];
  readonly durationMs: number;
}

/** One remediation on one resource, as a verification counted it into its fix score. */
export interface VerifiedScore {
  readonly remediation: string;
  readonly targetKey: string;
  readonly recovered: number;
  readonly failed: number;
}
