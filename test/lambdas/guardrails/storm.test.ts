import { stateGuards } from '../../../lambdas/shared/guardrails';
import { idempotencyStore, respondOnce } from '../../../lambdas/shared/guardrails/idempotency';
import { stateTable } from '../../../lambdas/shared/guardrails/state-table';
import { parseInvocation, type ParseOutcome } from '../../../lambdas/shared/notification';
import type { ResultRecord } from '../../../lambdas/shared/record';
import { respond, type RespondDeps } from '../../../lambdas/shared/respond';
import { alarmMessage, snsEvent } from '../../helpers/alarm-event';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { countingEscalation, countingRemediation } from './fixtures';

const ALARMS = 50;
const TRANSITIONS = 2;
const DELIVERIES = 1000;
const BATCH = 50;

/** mulberry32: a fixed shuffle, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fn = (i: number) => `fn-${String(i).padStart(2, '0')}`;
const alarmOf = (i: number) => `ar-storm-lambda-throttles-${fn(i)}`;

/** 1,000 deliveries: each alarm's two ALARM transitions (2 minutes apart) once, the rest repeats, shuffled. */
function deliveries(): Array<{ alarm: number; transition: number; outcome: ParseOutcome }> {
  const next = random(42);
  const list = Array.from({ length: DELIVERIES }, (_, i) => {
    const distinct = i < ALARMS * TRANSITIONS ? i : Math.floor(next() * ALARMS * TRANSITIONS);
    const alarm = distinct % ALARMS;
    const transition = Math.floor(distinct / ALARMS);
    const time = `2026-11-23T03:${String(10 + 2 * transition).padStart(2, '0')}:00.000+0000`;
    return { alarm, transition, outcome: parseInvocation(snsEvent([alarmMessage({ name: alarmOf(alarm), time })]))[0] };
  });
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describe('an alarm storm', () => {
  it('yields one record per delivery, one apply per resource, and every duplicate recorded as such', async () => {
    const plan = planOf({
      prefix: 'ar',
      guardrails: { cooldownMinutes: 15, maxActionsPerHour: 1000 },
      systems: [{ id: 'storm', resources: { lambda: Array.from({ length: ALARMS }, (_, i) => ({ name: fn(i) })) } }],
    });
    const settings = settingsForAlarm(alarmOf(0), plan);
    const table = stateTable(dynamo.tableName, dynamo.client);
    const reserved = countingRemediation('raise-reserved-concurrency', 5);
    const esc = countingEscalation();
    const deps: RespondDeps = {
      settings,
      remediations: { 'raise-reserved-concurrency': reserved.remediation },
      escalate: esc.fn,
      self: { account: ACCOUNT, region: 'us-east-1' },
      guard: stateGuards({ stateTable: table.tableName }, { dynamodb: table.client }),
    };
    const once = { store: idempotencyStore(table), responder: { system: settings.system, family: settings.family } };
    const storm = deliveries();
    const records: Array<{ alarm: number; transition: number; record: ResultRecord }> = [];
    let runs = 0;

    for (let i = 0; i < storm.length; i += BATCH) {
      const batch = storm.slice(i, i + BATCH);
      const done = await Promise.all(
        batch.map(async (d) => ({ ...d, record: await respondOnce(d.outcome, once, () => (runs++, respond(d.outcome, deps))) })),
      );
      records.push(...done);
    }

    const by = (pick: (r: ResultRecord) => boolean) => records.filter((r) => pick(r.record));
    const applied = by((r) => r.decision === 'applied');
    const held = by((r) => r.decision === 'skipped' && (r.reasonCode === 'cooldown' || r.reasonCode === 'locked'));
    const mutating = records.flatMap((r) => r.record.calls.filter((c) => c.mutating).map(() => r.record));
    expect({
      records: records.length,
      distinctRecordIds: new Set(records.map((r) => r.record.recordId)).size,
      runs,
      duplicates: by((r) => r.decision === 'skipped' && r.reasonCode === 'duplicate').length,
      applied: applied.length,
      alarmsApplied: new Set(applied.map((r) => r.alarm)).size,
      resourcesChanged: new Set(reserved.applied.map((a) => a.resource)).size,
      applyCalls: reserved.applied.length,
      heldByCooldownOrLock: held.length,
      mutatingCallsOutsideAppliedRecords: mutating.filter((r) => r.decision !== 'applied').length,
      mutatingCalls: mutating.length,
      escalations: esc.calls.length,
      other: records.length - applied.length - held.length - by((r) => r.reasonCode === 'duplicate').length,
    }).toEqual({
      records: DELIVERIES,
      distinctRecordIds: DELIVERIES,
      runs: ALARMS * TRANSITIONS,
      duplicates: DELIVERIES - ALARMS * TRANSITIONS,
      applied: ALARMS,
      alarmsApplied: ALARMS,
      resourcesChanged: ALARMS,
      applyCalls: ALARMS,
      heldByCooldownOrLock: ALARMS * (TRANSITIONS - 1),
      mutatingCallsOutsideAppliedRecords: 0,
      mutatingCalls: ALARMS,
      escalations: 0,
      other: 0,
    });
    // Every transition ran exactly once: one non-duplicate record each.
    const ran = records.filter((r) => r.record.reasonCode !== 'duplicate').map((r) => `${r.alarm}/${r.transition}`);
    expect(new Set(ran).size).toBe(ALARMS * TRANSITIONS);
  }, 60_000); // About 6 s on 2 cores; the budget is 20 s.
});
