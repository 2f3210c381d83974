/**
 * An alarm storm through the claims and the guardrails against dynalite (the storm test's 1,000
 * deliveries of 100 transitions of 50 alarms, in concurrent batches of 50), against the same
 * deliveries through respond() alone; and the state-table calls each notification made, by
 * decision. The remediation is in-process: its plan waits PLAN_MS, standing for the AWS reads every
 * real plan makes, and its apply is instant; CloudWatch agrees with every notification.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createGuardrails } from '../lambdas/guardrails';
import type { ResultRecord } from '../lambdas/core/record';
import { respond, type RespondDeps } from '../lambdas/pipeline/respond';
import { defineRemediation } from '../lambdas/core/remediation';
import { countingEscalation, countingRemediation } from '../test/lambdas/guardrails/fixtures';
import { startDynalite } from '../test/helpers/dynalite';
import { ACCOUNT } from '../test/helpers/responder-settings';
import { countRoundTrips, type RoundTrips, type TimedCall } from '../test/helpers/round-trips';
import { STORM, STORM_NOW, stormDeliveries, stormSettings, type Delivery } from '../test/helpers/storm';
import { echoOf, trusting } from '../test/helpers/trusted-alarms';
import { int, ratio, type Section } from './report';

interface Pass {
  readonly seconds: number;
  readonly records: ResultRecord[];
  /** Per record (same order): its state-table requests. */
  readonly tables: TimedCall[][];
  readonly applies: number;
}

/** Records each state-table request in the store of the delivery that made it. */
function timeRequests(client: DynamoDBClient, store: AsyncLocalStorage<TimedCall[]>): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { id?: { S?: string } }; Item?: { id?: { S?: string } } };
      const startedAt = performance.now();
      let failedCondition = false;
      try {
        return await next(args);
      } catch (err) {
        failedCondition = err instanceof Error && err.name === 'ConditionalCheckFailedException';
        throw err;
      } finally {
        const key = input.Key?.id?.S ?? input.Item?.id?.S ?? '';
        store.getStore()?.push({ operation: (context.commandName ?? '').replace(/Command$/, ''), key, startedAt, endedAt: performance.now(), failedCondition });
      }
    },
    { step: 'initialize', name: 'benchTimeRequests' },
  );
}

/** How long each plan takes: a real one reads AWS (3 calls for raise-reserved-concurrency's sibling on the bundle's fake). */
const PLAN_MS = 20;

/** Every delivery, `STORM.batch` at a time concurrently (as Lambda's concurrent invocations would). */
async function pass(deliveries: readonly Delivery[], deps: RespondDeps, store?: AsyncLocalStorage<TimedCall[]>): Promise<Pass> {
  const reserved = countingRemediation('raise-reserved-concurrency');
  const timedPlan = defineRemediation({
    ...reserved.remediation,
    async plan(ctx) {
      const startedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, PLAN_MS));
      store?.getStore()?.push({ operation: 'plan', key: '', startedAt, endedAt: performance.now(), failedCondition: false });
      return reserved.remediation.plan(ctx);
    },
  });
  const withIt: RespondDeps = { ...deps, remediations: { 'raise-reserved-concurrency': timedPlan } };
  const records: ResultRecord[] = [];
  const tables: TimedCall[][] = [];
  const started = process.hrtime.bigint();
  const one = async (d: Delivery) => {
    const calls: TimedCall[] = [];
    const record = await (store ? store.run(calls, () => respond(d.outcome, { ...withIt, ...echoOf(d.outcome) })) : respond(d.outcome, { ...withIt, ...echoOf(d.outcome) }));
    return { record, calls };
  };
  for (let i = 0; i < deliveries.length; i += STORM.batch) {
    for (const { record, calls } of await Promise.all(deliveries.slice(i, i + STORM.batch).map(one))) {
      records.push(record);
      tables.push(calls);
    }
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, records, tables, applies: reserved.applied.length };
}

const DECISIONS: ReadonlyArray<[string, (r: ResultRecord) => boolean]> = [
  ['fresh, applied', (r) => r.decision === 'applied'],
  ['duplicate', (r) => r.reasonCode === 'duplicate'],
  ['held by cooldown or lock', (r) => r.reasonCode === 'cooldown' || r.reasonCode === 'locked'],
  ['every notification', () => true],
];

/** The state-table requests and, apart, the plan's (simulated) reads, which the breaker's read overlaps. */
function callsRows(p: Pass): string[][] {
  const counted = p.tables.map((calls) => {
    const plans = calls.filter((c) => c.operation === 'plan');
    return countRoundTrips(calls.filter((c) => c.operation !== 'plan'), plans);
  });
  const mean = (of: readonly RoundTrips[], pick: (t: RoundTrips) => number) => (of.length === 0 ? 0 : of.reduce((n, t) => n + pick(t), 0) / of.length);
  const fixed = (n: number) => n.toFixed(2);
  return DECISIONS.map(([name, is]) => {
    const of = counted.filter((_, i) => is(p.records[i]));
    return [name, int(of.length), fixed(mean(of, (t) => t.calls - t.fallbacks)), fixed(mean(of, (t) => t.fallbacks)), fixed(mean(of, (t) => t.sequential)), fixed(Math.max(0, ...of.map((t) => t.sequential)))];
  });
}

export async function storm(): Promise<Section[]> {
  const deliveries = stormDeliveries();
  const dynamo = await startDynalite();
  const store = new AsyncLocalStorage<TimedCall[]>();
  timeRequests(dynamo.client, store);
  const settings = stormSettings();
  const base: RespondDeps = {
    settings,
    remediations: {},
    escalate: countingEscalation().fn,
    self: { account: ACCOUNT, region: 'us-east-1' },
    ...trusting(STORM_NOW).deps,
  };
  let guarded: Pass;
  let plain: Pass;
  try {
    const guardrails = createGuardrails({ ...settings, stateTable: dynamo.tableName }, { dynamodb: dynamo.client });
    guarded = await pass(deliveries, { ...base, guard: guardrails.guard, claims: guardrails.claims, applied: guardrails.applied }, store);
    plain = await pass(deliveries, base);
  } finally {
    await dynamo.close();
  }
  const count = (p: Pass, code: string) => p.records.filter((r) => r.reasonCode === code).length;
  const rate = (p: Pass) => deliveries.length / p.seconds;
  const row = (name: string, p: Pass) => [name, int(rate(p)), ratio(rate(p), rate(plain)), int(p.applies), int(count(p, 'duplicate')), int(count(p, 'cooldown') + count(p, 'locked')), (p.seconds * 1000).toFixed(0)];
  return [
    {
      title: 'Alarm storm',
      intro:
        `${STORM.deliveries} SNS deliveries of ${STORM.alarms * STORM.transitions} transitions (${STORM.alarms} alarms, ` +
        `${STORM.transitions} transitions each, the rest repeats), shuffled, handled ${STORM.batch} at a time concurrently. ` +
        'Guarded: the claims of transitions and the guardrails (lock, cooldown, circuit breaker) on a state table in dynalite ' +
        '(in-process, over HTTP on 127.0.0.1). Baseline: the same deliveries through respond() alone. The rate mostly measures ' +
        "dynalite's and the SDK's CPU in this same process, not DynamoDB's latency: read the calls per decision below.",
      header: ['path', 'notifications/s', 'vs respond() alone', 'applies', 'duplicates suppressed', 'held by cooldown or lock', 'ms'],
      rows: [row('respond() alone (baseline)', plain), row('claims + guardrails', guarded)],
    },
    {
      title: 'State-table calls per notification',
      intro:
        'The same guarded pass: the requests each notification made to the state table, by decision (mean), counted as real DynamoDB ' +
        'makes them: after a failed condition dynalite needs a read (it lacks ReturnValuesOnConditionCheckFailure), counted apart. ' +
        `Sequential round trips: waves of requests made one after the other; a request in flight together with the plan's reads (the ` +
        `circuit breaker's read and the autonomy ladder's batch read of histories; here the plan waits ${PLAN_MS} ms for them) is not counted. Goal: a fresh ` +
        'notification at most 3, a duplicate 1; more only where runs raced for the breaker\'s window (each lost race costs one).',
      header: ['decision', 'notifications', 'calls (as DynamoDB)', 'dynalite-only reads', 'sequential round trips', 'max sequential'],
      rows: callsRows(guarded),
    },
  ];
}
