import { randomUUID } from 'node:crypto';
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import type { NotifiedAlarm } from '../core/alarm';
import type { Mode, ResultRecord } from '../core/record';
import { STATE_KEY_ATTRIBUTE, STATE_TTL_ATTRIBUTE, type StateTable } from './state-table';

/** SNS retries a delivery to Lambda for days: remember each notification for a week. */
export const IDEMPOTENCY_EXPIRY_SECONDS = 7 * 24 * 3600;
/** Item ids `notification#<hash>`, beside the guardrails' `cooldown#…`, `lock#…`, `breaker#…`. */
export const IDEMPOTENCY_KEY_PREFIX = 'notification';
/** The responder's timeout: without a Lambda context, a crashed run holds its key this long. */
const DEFAULT_REMAINING_MS = 60_000;

/** One SNS delivery of an alarm notification: what the idempotency key and a duplicate's record are made of. */
export interface Delivery {
  readonly messageId: string;
  readonly alarm: NotifiedAlarm;
}

/** What identifies one alarm transition: CloudWatch sends one notification per transition. */
export interface NotificationKey {
  readonly alarmArn: string;
  /** As received, never re-formatted, so every delivery of one transition hashes alike. */
  readonly stateChangeTime: string;
}
const KEY_PATH = '[alarmArn, stateChangeTime]';

/** What the store keeps per notification: small whatever the record's size (DynamoDB items stop at 400 KB). */
export type StoredOutcome = Pick<ResultRecord, 'recordId' | 'decision' | 'reasonCode'>;

/** The Powertools store on the guardrails' state table (same key and TTL attribute). */
export function idempotencyStore(table: StateTable): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName: table.tableName,
    awsSdkV3Client: table.client,
    keyAttr: STATE_KEY_ATTRIBUTE,
    expiryAttr: STATE_TTL_ATTRIBUTE,
  });
}

export interface OnceDeps {
  /** Built once per container with `idempotencyStore`. */
  readonly store: DynamoDBPersistenceLayer;
  readonly responder: ResultRecord['responder'];
  /** The mode this delivery would have run in, for its duplicate record. @default 'enforce' */
  readonly mode?: Mode;
  readonly now?: () => Date;
  /**
   * The invocation's Lambda context: a run that dies (timeout, crash) frees its key when the
   * invocation's time is up, so the retry SNS makes runs instead of being taken for a duplicate.
   */
  readonly lambdaContext?: Pick<Context, 'getRemainingTimeInMillis'>;
}

/**
 * Runs `run` at most once per alarm transition (alarm ARN + StateChangeTime) across all
 * deliveries, containers and days. A later delivery gets its own record, `skipped` /
 * `duplicate`, naming the record of the run; a delivery that arrives while the run is still
 * going gets the same. Invalid inputs and manual invocations carry no such key (`delivery`
 * undefined) and run as they come. An error thrown by `run` frees the key: the notification is retried and runs then.
 */
export async function respondOnce(delivery: Delivery | undefined, deps: OnceDeps, run: () => Promise<ResultRecord>): Promise<ResultRecord> {
  if (delivery === undefined) return run();
  const notification = delivery;
  const started = Date.now();
  // Set only when this call ran: tells our own stored outcome from one of an earlier delivery.
  let fresh: ResultRecord | undefined;
  const once = makeIdempotent(
    // The key is only hashed by Powertools.
    async (_key: NotificationKey): Promise<StoredOutcome> => {
      fresh = await run();
      return { recordId: fresh.recordId, decision: fresh.decision, reasonCode: fresh.reasonCode };
    },
    { persistenceStore: deps.store, config: configFor(deps), keyPrefix: IDEMPOTENCY_KEY_PREFIX },
  );
  let stored: unknown;
  try {
    stored = await once({ alarmArn: notification.alarm.arn, stateChangeTime: notification.alarm.stateChangeTimeRaw });
  } catch (err) {
    // It ran but its outcome could not be stored: the record still says what happened.
    if (fresh) return fresh;
    if (err instanceof IdempotencyAlreadyInProgressError) return duplicateRecord(notification, deps, 'another delivery of this notification is already being handled', started);
    throw err;
  }
  const original = storedOutcome(stored);
  if (fresh && original?.recordId === fresh.recordId) return fresh;
  const what = original ? `record ${original.recordId} (${original.decision}, ${original.reasonCode})` : 'an earlier record';
  return duplicateRecord(notification, deps, `this notification was already handled: see ${what}`, started);
}

function configFor(deps: OnceDeps): IdempotencyConfig {
  const remaining = () => deps.lambdaContext?.getRemainingTimeInMillis() ?? DEFAULT_REMAINING_MS;
  // One per call: the Lambda context is per invocation, and calls may overlap (tests, batches).
  return new IdempotencyConfig({
    eventKeyJmesPath: KEY_PATH,
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS,
    lambdaContext: deadlineContext(remaining),
  });
}

/** Powertools reads only the remaining time of the context it is given. */
function deadlineContext(remaining: () => number): Context {
  const none = () => undefined;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: '',
    functionVersion: '',
    invokedFunctionArn: '',
    memoryLimitInMB: '',
    awsRequestId: '',
    logGroupName: '',
    logStreamName: '',
    getRemainingTimeInMillis: remaining,
    done: none,
    fail: none,
    succeed: none,
  };
}

/** The stored outcome as read back; undefined when it is not what this module stores. */
function storedOutcome(value: unknown): StoredOutcome | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { recordId, decision, reasonCode } = value as Record<string, unknown>;
  if (typeof recordId !== 'string' || typeof decision !== 'string' || typeof reasonCode !== 'string') return undefined;
  return { recordId, decision, reasonCode } as StoredOutcome;
}

/** This delivery's own record: one per notification, even for a duplicate; no calls made. */
export function duplicateRecord(n: Delivery, deps: Pick<OnceDeps, 'responder' | 'mode' | 'now'>, reason: string, started = Date.now()): ResultRecord {
  return {
    recordVersion: 1,
    recordType: 'notification',
    recordId: randomUUID(),
    time: (deps.now ?? (() => new Date()))().toISOString(),
    responder: deps.responder,
    source: 'sns',
    messageId: n.messageId,
    alarm: {
      name: n.alarm.name,
      arn: n.alarm.arn,
      state: n.alarm.state,
      previousState: n.alarm.previousState,
      reason: n.alarm.reason,
      time: n.alarm.stateChangeTimeRaw,
      region: n.alarm.region,
      account: n.alarm.account,
      shape: n.alarm.shape,
    },
    mode: deps.mode ?? 'enforce',
    decision: 'skipped',
    reasonCode: 'duplicate',
    reason: `duplicate: ${reason}`,
    actions: [],
    before: {},
    after: {},
    calls: [],
    durationMs: Math.max(0, Date.now() - started),
  };
}
