/**
 * Each level's decision through respond(), with the default guard (the ladder on configured
 * levels): what is applied, what is recorded, who is told.
 */
import type { ChangePlan } from '../../../lambdas/core/remediation';
import type { LevelRecord } from '../../../lambdas/core/ladder-record';
import type { ProposalRecord } from '../../../lambdas/core/record';
import type { Target } from '../../../lib/catalogue';
import type { DeploymentConfigInput } from '../../../lib/config/schema';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, observedOf, trusting } from '../../helpers/trusted-alarms';
import { countingEscalation, countingRemediation } from '../guardrails/fixtures';

const LATENCY = 'ar-rung-high-latency-rung-api-prod';
const PROPOSAL: ProposalRecord = { id: 'p-1', expiresAt: '2026-11-23T03:43:45.123Z', planHash: 'h', stateHash: 's', stored: true, request: { published: true, topicArn: 'arn:aws:sns:us-east-1:123456789012:ar-escalations', reason: 'approve' } };
const NOW = new Date('2026-11-23T03:13:45.123Z');

const withAutonomy = (autonomy: object): DeploymentConfigInput => ({
  prefix: 'ar',
  systems: [{ id: 'rung', resources: { lambda: [{ name: 'rung-api-prod', alias: 'prod', autonomy }] } }],
});

async function run(autonomy: object, extra: Partial<RespondDeps> = {}) {
  const pc = countingRemediation('raise-provisioned-concurrency');
  const esc = countingEscalation();
  const trust = trusting(NOW);
  const [outcome] = parseInvocation(alarmEvent({ name: LATENCY }));
  const record = await respond(outcome, {
    settings: settingsForAlarm(LATENCY, planOf(withAutonomy(autonomy))),
    remediations: { 'raise-provisioned-concurrency': pc.remediation },
    escalate: esc.fn,
    self: { account: ACCOUNT, region: 'us-east-1' },
    ...trust.deps,
    ...echoOf(outcome),
    ...extra,
  });
  return { record, pc, esc, scheduled: trust.scheduled };
}

describe('respond at each level', () => {
  it('auto: applies, and the record states the level and why', async () => {
    const { record, pc, esc } = await run({ default: 'auto' });
    expect(record).toMatchObject({ decision: 'applied', reasonCode: 'applied' });
    expect(record.actions[0].level).toEqual({ level: 'auto', why: 'raise-provisioned-concurrency auto: set on lambda "rung-api-prod" (autonomy); P1 alerts may act on their own (autonomousSeverities)' });
    expect(pc.applied).toHaveLength(1);
    expect(esc.calls).toHaveLength(0);
  });

  it('observe: plans and records, applies nothing, tells people as for an unhandled alarm and proposes nothing', async () => {
    const proposed: ChangePlan[] = [];
    const { record, pc, esc, scheduled } = await run({ default: 'observe' }, { propose: async (plan) => (proposed.push(plan), PROPOSAL) });
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'observe', escalation: { published: true } });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', plan: { summary: '10 -> 20' }, level: { level: 'observe', why: 'raise-provisioned-concurrency observe: set on lambda "rung-api-prod" (autonomy)' } });
    expect(record.reason).toContain('observe: raise-provisioned-concurrency observe');
    expect([pc.applied, proposed, scheduled]).toEqual([[], [], []]);
    expect(esc.calls).toHaveLength(1);
  });

  it('propose, with a way to propose: stores the proposal, records it and escalates nothing', async () => {
    const proposed: Array<[ChangePlan, Target, LevelRecord]> = [];
    const propose: RespondDeps['propose'] = async (plan, resource, level) => {
      proposed.push([plan, resource, level]);
      return PROPOSAL;
    };
    const { record, pc, esc } = await run({ remediations: { 'raise-provisioned-concurrency': 'propose' } }, { propose });
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'propose', escalation: undefined });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', proposal: { id: 'p-1' }, level: { level: 'propose' } });
    expect(proposed).toMatchObject([[{ remediation: 'raise-provisioned-concurrency', summary: '10 -> 20' }, { key: 'rung-api-prod' }, { level: 'propose', why: expect.stringContaining('set on lambda') }]]);
    expect(pc.applied).toEqual([]);
    expect(esc.calls).toHaveLength(0);
  });

  it('propose, without one (or when storing fails): escalates the plan, as guarded actions were', async () => {
    const without = await run({ remediations: { 'raise-provisioned-concurrency': 'propose' } });
    expect(without.record).toMatchObject({ decision: 'escalated', reasonCode: 'propose', escalation: { published: true } });
    expect(without.pc.applied).toEqual([]);
    const failing = await run({ default: 'propose' }, { propose: async () => Promise.reject(new Error('table down')) });
    expect(failing.record).toMatchObject({ decision: 'escalated', reasonCode: 'propose' });
    expect(failing.record.reason).toContain('not proposed: the proposal could not be stored (Error: table down)');
  });

  it('a dry run plans at any level, without asking the ladder', async () => {
    const pc = countingRemediation('raise-provisioned-concurrency');
    const record = await respond(parseInvocation({ alarmName: LATENCY, dryRun: true })[0], {
      settings: settingsForAlarm(LATENCY, planOf(withAutonomy({ default: 'observe' }))),
      remediations: { 'raise-provisioned-concurrency': pc.remediation },
      escalate: countingEscalation().fn,
      self: { account: ACCOUNT, region: 'us-east-1' },
      ...trusting(NOW).deps,
      // As CloudWatch describes it: the alarm of the SNS fixture.
      readAlarm: async () => observedOf(parseInvocation(alarmEvent({ name: LATENCY }))[0]),
    });
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'dry-run' });
    expect(record.actions[0].level).toBeUndefined();
  });
});
