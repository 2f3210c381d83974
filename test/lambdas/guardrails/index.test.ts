/**
 * The guardrails on the state table (dynalite) through respond(): what a notification meets after
 * the trust boundary (CloudWatch agrees with each one here: see test/helpers/trusted-alarms.ts).
 */
import { defineRemediation } from '../../../lambdas/core/remediation';
import { int, object } from '../../../lambdas/core/params';
import { createGuardrails, stateGuards } from '../../../lambdas/guardrails';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { alarmEvent } from '../../helpers/alarm-event';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { stormAlarm, stormSettings } from '../../helpers/storm';
import { echoOf, trusting } from '../../helpers/trusted-alarms';
import { LATENCY, T0, countingEscalation, countingRemediation, minutes } from './fixtures';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

const time = (d: Date) => d.toISOString().replace('Z', '+0000');

async function setup(alarm: string, settings = settingsForAlarm(alarm)) {
  const table = await dynamo.newTable();
  const pc = countingRemediation('raise-provisioned-concurrency');
  const rc = countingRemediation('raise-reserved-concurrency');
  const esc = countingEscalation();
  const deps: RespondDeps = {
    settings,
    remediations: { 'raise-provisioned-concurrency': pc.remediation, 'raise-reserved-concurrency': rc.remediation },
    escalate: esc.fn,
    self: { account: ACCOUNT, region: 'us-east-1' },
    guard: stateGuards({ stateTable: table }, { dynamodb: dynamo.client }),
  };
  /** One delivery of the alarm's transition at `at`, handled at `at` plus a minute. */
  const run = (at: Date, extra: Partial<RespondDeps> = {}, name = alarm) => {
    const [outcome] = parseInvocation(alarmEvent({ name, time: time(at) }));
    return respond(outcome, { ...deps, ...trusting(minutes(at, 1)).deps, ...echoOf(outcome), ...extra });
  };
  return { run, pc, rc, esc, deps, table };
}

describe('stateGuards through respond', () => {
  it('applies once; a new transition within the cooldown is skipped, not applied and not escalated', async () => {
    const { run, pc, esc } = await setup(LATENCY);
    expect(await run(T0)).toMatchObject({ decision: 'applied' });
    expect(await run(minutes(T0, 7))).toMatchObject({ decision: 'skipped', reasonCode: 'cooldown', escalation: undefined });
    expect(pc.applied).toHaveLength(1);
    expect(esc.calls).toHaveLength(0);
  });

  it("refuses to act on the responder's own function and escalates", async () => {
    const plan = planOf({ prefix: 'ar', systems: [{ id: 'rung', resources: { lambda: [{ name: 'ar-rung-lambda' }] } }] });
    const alarm = 'ar-rung-lambda-throttles-ar-rung-lambda';
    const { run, rc, esc } = await setup(alarm, settingsForAlarm(alarm, plan));
    expect(await run(T0)).toMatchObject({ decision: 'escalated', reasonCode: 'loop-protection' });
    expect(rc.applied).toHaveLength(0);
    expect(esc.calls).toHaveLength(1);
  });

  it('item 9: admits 20 of 40 alarms on 40 resources in one second across an hour boundary (maxActionsPerHour 20)', async () => {
    const base = stormSettings();
    const { run, rc } = await setup(stormAlarm(0), { ...base, guardrails: { ...base.guardrails, maxActionsPerHour: 20 } });
    const boundary = new Date('2026-11-23T04:00:00.000Z');
    const records = [];
    // Each handled the moment it fires: 20 in the last half second of 03:59, 20 in the first of 04:00.
    for (let i = 0; i < 40; i += 1) {
      const at = new Date(boundary.getTime() - 500 + i * 25);
      records.push(await run(at, { now: () => at }, stormAlarm(i)));
    }
    expect(rc.applied).toHaveLength(20);
    expect(records.filter((r) => r.reasonCode === 'circuit-breaker')).toHaveLength(20);
  });

  it('item 9: an apply that made a successful mutating call and then failed keeps its cooldown', async () => {
    const { run, deps } = await setup(LATENCY);
    let applies = 0;
    const halfway = defineRemediation({
      id: 'raise-provisioned-concurrency',
      targetType: 'lambda',
      params: object({ value: int() }),
      plan: async (ctx) => ({ kind: 'change', remediation: 'raise-provisioned-concurrency', resource: `${ctx.target.key}:prod`, summary: '2 -> 4', before: { value: 2 }, after: { value: 4 }, params: { value: 4 } }),
      async apply(_params, ctx) {
        applies += 1;
        ctx.calls.push({ service: 'lambda', operation: 'PutProvisionedConcurrencyConfig', mutating: true, ok: true, attempts: 1 });
        throw new Error('the wait for READY timed out');
      },
    });
    const remediations = { ...deps.remediations, 'raise-provisioned-concurrency': halfway };
    expect(await run(T0, { remediations })).toMatchObject({ decision: 'failed', reasonCode: 'apply-failed' });
    expect(await run(minutes(T0, 5), { remediations })).toMatchObject({ decision: 'skipped', reasonCode: 'cooldown' });
    expect(applies).toBe(1);
  });
});

describe('item 5: a run that dies between apply and record', () => {
  it('is found by the next delivery, which escalates it as interrupted and applies nothing; its re-check was scheduled before the apply', async () => {
    const { run, deps, esc } = await setup(LATENCY);
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const applying = new Promise<void>((resolve) => (started = resolve));
    const hanging = defineRemediation({
      ...countingRemediation('raise-provisioned-concurrency').remediation,
      async apply({ value }) {
        started();
        // Stands for a run killed mid-apply: it returns only after the test is done with it.
        await new Promise<void>((resolve) => (release = resolve));
        return { after: { value }, summary: 'raised (late)' };
      },
    });
    const trust = trusting(minutes(T0, 1));
    const first = run(T0, { ...trust.deps, remediations: { ...deps.remediations, 'raise-provisioned-concurrency': hanging }, deadline: minutes(T0, 1.5) });
    await applying;
    expect(trust.scheduled).toMatchObject([{ alarmName: LATENCY, resourceKey: 'rung-api-prod', deadline: minutes(T0, 1.5).toISOString() }]);
    // The retry comes after the first run's deadline.
    const retry = await run(T0, { now: () => minutes(T0, 3) });
    expect(retry).toMatchObject({ decision: 'escalated', reasonCode: 'interrupted', escalation: { published: true } });
    expect(retry.reason).toContain('never finished');
    expect(esc.calls).toHaveLength(1);
    release();
    expect(await first).toMatchObject({ decision: 'applied' });
  });
});

describe('createGuardrails', () => {
  const settings = { ...settingsForAlarm(LATENCY), stateTable: 'ar-state' };

  it('with the kill switch off, plans and escalates every action instead of applying it, taking no state', async () => {
    const { run, pc, esc, table } = await setup(LATENCY);
    const guardrails = createGuardrails({ ...settings, stateTable: table }, { dynamodb: dynamo.client });
    const at = minutes(T0, 120);
    const record = await run(at, { guard: guardrails.guard, killSwitch: { state: 'off', parameter: '/ar/mode' } });
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'kill-switch', reason: expect.stringContaining('is "off"') });
    expect(pc.applied).toHaveLength(0);
    expect(esc.calls).toHaveLength(1);
    // Refused before the guards: no lock, cooldown or breaker place was taken, so enforcing again applies.
    expect(await run(at, { guard: guardrails.guard })).toMatchObject({ decision: 'applied' });
  });

  it('runs a transition once: a second delivery is a duplicate naming the first, and changes nothing', async () => {
    const { run, pc, table } = await setup(LATENCY);
    const guardrails = createGuardrails({ ...settings, stateTable: table }, { dynamodb: dynamo.client });
    const at = minutes(T0, 180);
    const deps = { guard: guardrails.guard, claims: guardrails.claims, applied: guardrails.applied, requestId: 'req-1' };
    const first = await run(at, deps);
    const second = await run(at, deps);
    expect([first.reasonCode, second.reasonCode]).toEqual(['applied', 'duplicate']);
    expect(second.reason).toContain(first.recordId);
    expect(second.responder).toEqual({ system: 'rung', family: 'lambda', requestId: 'req-1' });
    expect(pc.applied).toHaveLength(1);
    expect(await guardrails.applied.read(first.recordId)).toMatchObject({ status: 'applied', actions: [{ targetKey: 'rung-api-prod', action: { remediation: 'raise-provisioned-concurrency' } }] });
  });

  it('records state-unavailable, escalates and applies nothing when the state table is down', async () => {
    const { run, pc, esc } = await setup(LATENCY);
    const guardrails = createGuardrails({ ...settings, stateTable: 'no-such-table' }, { dynamodb: dynamo.client });
    const record = await run(minutes(T0, 240), { guard: guardrails.guard, claims: guardrails.claims, applied: guardrails.applied });
    expect(record).toMatchObject({ decision: 'failed', reasonCode: 'state-unavailable', escalation: { published: true } });
    expect(pc.applied).toHaveLength(0);
    expect(esc.calls).toHaveLength(1);
  });

  it('records state-unavailable too when the table fails at the guards, after the claim', async () => {
    const { run, pc, esc, table } = await setup(LATENCY);
    const claimed = createGuardrails({ ...settings, stateTable: table }, { dynamodb: dynamo.client });
    const down = createGuardrails({ ...settings, stateTable: 'no-such-table' }, { dynamodb: dynamo.client });
    const record = await run(minutes(T0, 300), { guard: down.guard, claims: claimed.claims, applied: claimed.applied });
    expect(record).toMatchObject({ decision: 'failed', reasonCode: 'state-unavailable', escalation: { published: true } });
    // The first state the run reads is the ladder's history, while the plans are made.
    expect(record.actions).toMatchObject([{ decision: 'planned', reason: expect.stringMatching(/^state table unavailable: could not read the history of raise-provisioned-concurrency on rung-api-prod/) }]);
    expect(pc.applied).toHaveLength(0);
    expect(esc.calls).toHaveLength(1);
  });
});
