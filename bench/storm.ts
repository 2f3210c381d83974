/**
 * An alarm storm through idempotency and the guardrails against dynalite (the storm test's
 * 1,000 deliveries of 100 transitions of 50 alarms, in concurrent batches of 50), against the
 * same deliveries through respond() alone. The remediation is in-process and instant.
 */
import { stateGuards } from '../lambdas/guardrails';
import { idempotencyStore, respondOnce } from '../lambdas/guardrails/idempotency';
import { stateTable } from '../lambdas/guardrails/state-table';
import type { ResultRecord } from '../lambdas/core/record';
import { deliveryOf } from '../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../lambdas/pipeline/respond';
import { countingEscalation, countingRemediation } from '../test/lambdas/guardrails/fixtures';
import { startDynalite } from '../test/helpers/dynalite';
import { ACCOUNT } from '../test/helpers/responder-settings';
import { STORM, stormDeliveries, stormSettings, type Delivery } from '../test/helpers/storm';
import { int, ratio, type Section } from './report';

interface Pass {
  readonly seconds: number;
  readonly records: ResultRecord[];
  readonly applies: number;
}

/** Every delivery, `STORM.batch` at a time concurrently (as Lambda's concurrent invocations would). */
async function pass(deliveries: readonly Delivery[], handle: (d: Delivery, deps: RespondDeps) => Promise<ResultRecord>, guard?: RespondDeps['guard']): Promise<Pass> {
  const settings = stormSettings();
  const reserved = countingRemediation('raise-reserved-concurrency');
  const deps: RespondDeps = {
    settings,
    remediations: { 'raise-reserved-concurrency': reserved.remediation },
    escalate: countingEscalation().fn,
    self: { account: ACCOUNT, region: 'us-east-1' },
    guard,
  };
  const records: ResultRecord[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < deliveries.length; i += STORM.batch) {
    records.push(...(await Promise.all(deliveries.slice(i, i + STORM.batch).map((d) => handle(d, deps)))));
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, records, applies: reserved.applied.length };
}

const count = (p: Pass, code: string) => p.records.filter((r) => r.reasonCode === code).length;

export async function storm(): Promise<Section> {
  const deliveries = stormDeliveries();
  const dynamo = await startDynalite();
  let guarded: Pass;
  let plain: Pass;
  try {
    const table = stateTable(dynamo.tableName, dynamo.client);
    const once = { store: idempotencyStore(table), responder: { system: 'storm', family: 'lambda' as const } };
    guarded = await pass(deliveries, (d, deps) => respondOnce(deliveryOf(d.outcome), once, () => respond(d.outcome, deps)), stateGuards({ stateTable: table.tableName }, { dynamodb: table.client }));
    plain = await pass(deliveries, (d, deps) => respond(d.outcome, deps));
  } finally {
    await dynamo.close();
  }
  const rate = (p: Pass) => deliveries.length / p.seconds;
  const row = (name: string, p: Pass) => [
    name,
    int(rate(p)),
    ratio(rate(p), rate(plain)),
    int(p.applies),
    int(count(p, 'duplicate')),
    int(count(p, 'cooldown') + count(p, 'locked')),
    (p.seconds * 1000).toFixed(0),
  ];
  return {
    title: 'Alarm storm',
    intro:
      `${STORM.deliveries} SNS deliveries of ${STORM.alarms * STORM.transitions} transitions (${STORM.alarms} alarms, ` +
      `${STORM.transitions} transitions each, the rest repeats), shuffled, handled ${STORM.batch} at a time concurrently. ` +
      'Guarded: idempotency and the guardrails (lock, cooldown, circuit breaker) on a state table in dynalite (in-process, ' +
      'over HTTP on 127.0.0.1). Baseline: the same deliveries through respond() alone.',
    header: ['path', 'notifications/s', 'vs respond() alone', 'applies', 'duplicates suppressed', 'held by cooldown or lock', 'ms'],
    rows: [row('respond() alone (baseline)', plain), row('idempotency + guardrails', guarded)],
  };
}
