import { createGuardrails, stateGuards } from '../../../lambdas/guardrails';
import { deliveryOf, parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { alarmEvent } from '../../helpers/alarm-event';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { LATENCY, countingEscalation, countingRemediation } from './fixtures';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

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
  const run = (time: string, extra: Partial<RespondDeps> = {}) => respond(parseInvocation(alarmEvent({ name: alarm, time }))[0], { ...deps, ...extra });
  return { run, pc, rc, esc, deps, table };
}

describe('stateGuards through respond', () => {
  it('applies once; a new transition within the cooldown is skipped, not applied and not escalated', async () => {
    const { run, pc, esc } = await setup(LATENCY);
    expect(await run('2026-11-23T03:12:45.123+0000')).toMatchObject({ decision: 'applied' });
    const second = await run('2026-11-23T03:20:00.000+0000');
    expect(second).toMatchObject({ decision: 'skipped', reasonCode: 'cooldown', escalation: undefined });
    expect(pc.applied).toHaveLength(1);
    expect(esc.calls).toHaveLength(0);
  });

  it("refuses to act on the responder's own function and escalates", async () => {
    const plan = planOf({ prefix: 'ar', systems: [{ id: 'rung', resources: { lambda: [{ name: 'ar-rung-lambda' }] } }] });
    const alarm = 'ar-rung-lambda-throttles-ar-rung-lambda';
    const { run, rc, esc } = await setup(alarm, settingsForAlarm(alarm, plan));
    expect(await run('2026-11-23T03:12:45.123+0000')).toMatchObject({ decision: 'escalated', reasonCode: 'loop-protection' });
    expect(rc.applied).toHaveLength(0);
    expect(esc.calls).toHaveLength(1);
  });
});

describe('createGuardrails', () => {
  const settings = { ...settingsForAlarm(LATENCY), stateTable: 'ar-state' };

  it('with the kill switch off, plans and escalates every action instead of applying it, taking no state', async () => {
    const { run, pc, esc, table } = await setup(LATENCY);
    const guardrails = createGuardrails({ ...settings, stateTable: table }, { dynamodb: dynamo.client });
    const record = await run('2026-11-23T05:00:00.000+0000', { guard: guardrails.guard, killSwitch: { state: 'off', parameter: '/ar/mode' } });
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'kill-switch', reason: expect.stringContaining('is "off"') });
    expect(pc.applied).toHaveLength(0);
    expect(esc.calls).toHaveLength(1);
    // Refused before the guards: no lock, cooldown or breaker slot was taken, so enforcing again applies.
    expect(await run('2026-11-23T05:00:00.000+0000', { guard: guardrails.guard })).toMatchObject({ decision: 'applied' });
  });

  it('runs a notification once per transition', async () => {
    const { deps, table } = await setup(LATENCY);
    const guardrails = createGuardrails({ ...settings, stateTable: table }, { dynamodb: dynamo.client });
    const [outcome] = parseInvocation(alarmEvent({ name: LATENCY, time: '2026-11-23T06:00:00.000+0000' }));
    const deliver = () => guardrails.respondOnce(deliveryOf(outcome), () => respond(outcome, { ...deps, guard: guardrails.guard }), { mode: 'enforce', requestId: 'req-1' });
    const first = await deliver();
    const second = await deliver();
    expect([first.reasonCode, second.reasonCode]).toEqual(['applied', 'duplicate']);
    expect(second.responder).toEqual({ system: 'rung', family: 'lambda', requestId: 'req-1' });
  });
});
