import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { duplicateRecord, idempotencyStore, respondOnce, type OnceDeps } from '../../../lambdas/guardrails/idempotency';
import { stateTable } from '../../../lambdas/guardrails/state-table';
import { parseInvocation, type AlarmNotification } from '../../../lambdas/pipeline/notification';
import type { ResultRecord } from '../../../lambdas/core/record';
import { alarmMessage, snsEvent } from '../../helpers/alarm-event';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';

let dynamo: LocalDynamo;
let store: DynamoDBPersistenceLayer;
let n = 0;
const deps = (extra: Partial<OnceDeps> = {}): OnceDeps => ({ store, responder: { system: 'rung', family: 'lambda' }, ...extra });

/** One delivery of a transition of a fresh alarm (or of `name` at `time`). */
function delivery(name = `ar-rung-high-latency-fn-${++n}`, time = '2026-11-23T03:12:45.123+0000'): AlarmNotification {
  const [o] = parseInvocation(snsEvent([alarmMessage({ name, time })]));
  if (!o?.ok || o.value.source !== 'sns') throw new Error('not a notification');
  return o.value;
}

/** A run that counts itself and yields an applied record of its own. */
function counter(o: AlarmNotification) {
  const runs: string[] = [];
  const run = async (): Promise<ResultRecord> => {
    const record: ResultRecord = { ...duplicateRecord(o, deps(), ''), decision: 'applied', reasonCode: 'applied', reason: 'raised it' };
    runs.push(record.recordId);
    return record;
  };
  return { run, runs };
}

beforeAll(async () => {
  dynamo = await startDynalite();
  store = idempotencyStore(stateTable(dynamo.tableName, dynamo.client));
});
afterAll(() => dynamo.close());

describe('respondOnce', () => {
  it('runs a notification once: a second delivery gets its own duplicate record naming the first', async () => {
    const o = delivery();
    const { run, runs } = counter(o);
    const first = await respondOnce(o, deps(), run);
    const second = await respondOnce(o, deps(), run);
    expect(runs).toEqual([first.recordId]);
    expect(first.decision).toBe('applied');
    expect(second).toMatchObject({ source: 'sns', decision: 'skipped', reasonCode: 'duplicate', calls: [], actions: [], alarm: { arn: first.alarm?.arn, time: '2026-11-23T03:12:45.123+0000' } });
    expect(second.recordId).not.toBe(first.recordId);
    expect(second.reason).toBe(`duplicate: this notification was already handled: see record ${first.recordId} (applied, applied)`);
  });

  it('runs exactly once for many concurrent deliveries of one notification', async () => {
    const o = delivery();
    const { run, runs } = counter(o);
    const records = await Promise.all(Array.from({ length: 10 }, () => respondOnce(o, deps(), run)));
    expect(runs).toHaveLength(1);
    expect(records.filter((r) => r.reasonCode === 'duplicate')).toHaveLength(9);
    expect(new Set(records.map((r) => r.recordId)).size).toBe(10);
  });

  it('runs each transition of one alarm: the key is the alarm ARN and the StateChangeTime', async () => {
    const name = `ar-rung-high-latency-fn-${++n}`;
    const a = delivery(name, '2026-11-23T03:12:45.123+0000');
    const { run, runs } = counter(a);
    await respondOnce(a, deps(), run);
    await respondOnce(delivery(name, '2026-11-23T03:40:00.000+0000'), deps(), run);
    expect(runs).toHaveLength(2);
  });

  it('frees the key when the run throws, so the retried notification runs', async () => {
    const o = delivery();
    const { run, runs } = counter(o);
    await expect(respondOnce(o, deps(), () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await respondOnce(o, deps(), run)).decision).toBe('applied');
    expect(runs).toHaveLength(1);
  });

  /** Resolves once the dying run holds the key: the retry must come after it. */
  function deferredClaim(): { promise: Promise<void>; resolve: () => void } {
    let resolve = () => undefined as void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  it('lets a retry run once the invocation that died holding the key is out of time', async () => {
    const o = delivery();
    const { run, runs } = counter(o);
    // Never settles: a responder that timed out mid-run. Its time was up a second ago, so the
    // key it holds has lapsed when the retry comes (no waiting in the test).
    const claimed = deferredClaim();
    void respondOnce(o, deps({ lambdaContext: { getRemainingTimeInMillis: () => -1000 } }), () => {
      claimed.resolve();
      return new Promise<ResultRecord>(() => undefined);
    });
    await claimed.promise;
    expect((await respondOnce(o, deps(), run)).decision).toBe('applied');
    expect(runs).toHaveLength(1);
  });

  it('runs every time what carries no delivery (invalid input, manual invocations)', async () => {
    let runs = 0;
    const run = async () => {
      runs++;
      return { ...duplicateRecord(delivery(), deps(), ''), decision: 'planned' as const };
    };
    await respondOnce(undefined, deps(), run);
    await respondOnce(undefined, deps(), run);
    expect(runs).toBe(2);
  });

  it('stores only the record id, decision and reason code, with a TTL of about a week', async () => {
    const o = delivery();
    const first = await respondOnce(o, deps(), counter(o).run);
    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: dynamo.tableName, FilterExpression: '#data.recordId = :id', ExpressionAttributeNames: { '#data': 'data' }, ExpressionAttributeValues: { ':id': { S: first.recordId } } }));
    expect(Items).toHaveLength(1);
    const [item] = Items;
    expect(item.id.S).toMatch(/^notification#/);
    expect(Object.keys(item.data.M ?? {}).sort()).toEqual(['decision', 'reasonCode', 'recordId']);
    const weekFromNow = Date.now() / 1000 + 7 * 24 * 3600;
    expect(Math.abs(Number(item.expiration.N) - weekFromNow)).toBeLessThan(60);
  });
});
