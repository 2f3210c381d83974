import { createGuardrails } from '../../../lambdas/guardrails';
import type { ResultRecord } from '../../../lambdas/core/record';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT } from '../../helpers/responder-settings';
import { STORM, STORM_NOW, stormDeliveries, stormSettings } from '../../helpers/storm';
import { echoOf, trusting } from '../../helpers/trusted-alarms';
import { countingEscalation, countingRemediation } from './fixtures';

const { alarms: ALARMS, transitions: TRANSITIONS, deliveries: DELIVERIES, batch: BATCH } = STORM;

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

describe('an alarm storm', () => {
  it('yields one record per delivery, one apply per resource, and every duplicate recorded as such', async () => {
    const settings = stormSettings();
    const guardrails = createGuardrails({ ...settings, stateTable: dynamo.tableName }, { dynamodb: dynamo.client });
    const reserved = countingRemediation('raise-reserved-concurrency', 5);
    const esc = countingEscalation();
    const deps: RespondDeps = {
      settings,
      remediations: { 'raise-reserved-concurrency': reserved.remediation },
      escalate: esc.fn,
      self: { account: ACCOUNT, region: 'us-east-1' },
      guard: guardrails.guard,
      claims: guardrails.claims,
      applied: guardrails.applied,
      ...trusting(STORM_NOW).deps,
    };
    const storm = stormDeliveries();
    const records: Array<{ alarm: number; transition: number; record: ResultRecord }> = [];

    for (let i = 0; i < storm.length; i += BATCH) {
      const batch = storm.slice(i, i + BATCH);
      const done = await Promise.all(batch.map(async (d) => ({ ...d, record: await respond(d.outcome, { ...deps, ...echoOf(d.outcome) }) })));
      records.push(...done);
    }
    const runs = records.filter((r) => r.record.reasonCode !== 'duplicate').length;

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
