import type { RemediationId } from '../../../lib/catalogue';
import { int, object } from '../../../lambdas/core/params';
import { defineRemediation, type Plan } from '../../../lambdas/core/remediation';
import type { ObservedAlarm } from '../../../lambdas/core/alarm';
import type { Escalate } from '../../../lambdas/escalation/escalate-alarm';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';

/** An in-process remediation whose plan is scripted per resource and whose applies are counted. */
function fake(id: RemediationId, planFor: (resource: string) => Plan | Error, applyError?: Error) {
  const applied: string[] = [];
  const planned: string[] = [];
  // What apply executes is the plan made for the same resource: apply itself gets only its params.
  const plans = new Map<string, Plan>();
  const remediation = defineRemediation({
    id,
    targetType: 'lambda',
    params: object({ value: int() }),
    async plan(ctx) {
      planned.push(ctx.target.key);
      const p = planFor(ctx.target.key);
      if (p instanceof Error) throw p;
      plans.set(ctx.target.key, p);
      return p.kind === 'no-op' ? p : { ...p, params: { value: Number(p.params.value) } };
    },
    async apply(_params, ctx) {
      if (applyError) throw applyError;
      const plan = plans.get(ctx.target.key);
      if (plan?.kind !== 'change') throw new Error(`applied ${ctx.target.key} without a change plan`);
      applied.push(plan.resource);
      return { after: plan.after, summary: `did ${plan.summary}` };
    },
  });
  return { remediation, applied, planned };
}

const change = (id: RemediationId, resource: string, from: number, to: number): Plan => ({
  kind: 'change',
  remediation: id,
  resource,
  summary: `${from} -> ${to}`,
  before: { value: from },
  after: { value: to },
  params: { value: to },
});

const noop = (id: RemediationId, resource: string, reason: string, notApplicable = false): Plan => ({
  kind: 'no-op',
  remediation: id,
  resource,
  reason,
  before: {},
  notApplicable,
});

function escalator() {
  const calls: Parameters<Escalate>[0][] = [];
  const fn: Escalate = async (input) => {
    calls.push(input);
    return { messageId: 'msg-1', diagnostics: {} } as Awaited<ReturnType<Escalate>>;
  };
  return { fn, calls };
}

const LATENCY = 'ar-rung-high-latency-rung-api-prod';

/** A minute after the transitions of alarmEvent's default time. */
const NOW = new Date('2026-11-23T03:13:45.123Z');

function deps(alarm: string, remediations: RespondDeps['remediations'], escalate: Escalate, extra: Partial<RespondDeps> = {}): RespondDeps {
  return { settings: settingsForAlarm(alarm), remediations, escalate, self: { account: ACCOUNT, region: 'us-east-1' }, ...trusting(NOW).deps, ...extra };
}

/** CloudWatch agrees with the notification (the trust boundary is tested in trust.test.ts and bundled-trust.test.ts). */
async function run(event: unknown, d: RespondDeps) {
  const [outcome] = parseInvocation(event);
  return respond(outcome, { ...echoOf(outcome), ...d });
}

describe('respond', () => {
  it('applies the remediation of an ALARM and records state before and after', async () => {
    const pc = fake('raise-provisioned-concurrency', (r) => change('raise-provisioned-concurrency', `${r}:prod`, 2, 4));
    const esc = escalator();
    const record = await run(alarmEvent({ name: LATENCY }), deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, esc.fn));
    expect(record).toMatchObject({
      source: 'sns',
      alertKind: 'high-latency',
      severity: 'P1',
      system: 'rung',
      target: { type: 'lambda', key: 'rung-api-prod' },
      mode: 'enforce',
      decision: 'applied',
      before: { 'rung-api-prod:prod': { value: 2 } },
      after: { 'rung-api-prod:prod': { value: 4 } },
      alarm: { name: LATENCY, state: 'ALARM', previousState: 'OK', region: 'us-east-1', account: ACCOUNT, time: '2026-11-23T03:12:45.123+0000' },
    });
    expect(pc.applied).toEqual(['rung-api-prod:prod']);
    expect(esc.calls).toHaveLength(0);
  });

  it.each([
    ['OK', 'resolved'],
    ['INSUFFICIENT_DATA', 'ignored-state'],
  ] as const)('records %s as %s and plans nothing', async (state, code) => {
    const pc = fake('raise-provisioned-concurrency', () => change('raise-provisioned-concurrency', 'x', 1, 2));
    const record = await run(alarmEvent({ name: LATENCY, state }), deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, escalator().fn));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: code, alertKind: 'high-latency' });
    expect(pc.planned).toEqual([]);
  });

  it.each([
    ['another account', { account: '999999999999' }, /account 999999999999/],
    ['another region', { region: 'eu-west-1' }, /region eu-west-1/],
  ])('refuses an alarm of %s as foreign', async (_, opts, reason) => {
    const pc = fake('raise-provisioned-concurrency', () => change('raise-provisioned-concurrency', 'x', 1, 2));
    const record = await run(alarmEvent({ name: LATENCY, ...opts }), deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, escalator().fn));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'foreign-alarm' });
    expect(record.reason).toMatch(reason);
    expect(pc.planned).toEqual([]);
  });

  it.each([
    ['a name of another deployment', 'other-rung-high-latency-rung-api-prod', /does not follow/],
    ['another system', 'ar-hlekkr-high-latency-hlekkr-prod-media-upload', /system "hlekkr"/],
    ['an unconfigured resource', 'ar-rung-high-latency-not-configured', /no configured resource "not-configured"/],
    ['another responder family', 'ar-rung-integration-latency-rung-api', /escalation responder/],
    ['a resource of another responder', 'ar-rung-ecs-service-down-n8n', /no configured resource "n8n"/],
  ])('refuses %s as unknown', async (_, name, reason) => {
    const pc = fake('raise-provisioned-concurrency', () => change('raise-provisioned-concurrency', 'x', 1, 2));
    const record = await run(alarmEvent({ name }), deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, escalator().fn));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'unknown-alarm' });
    expect(record.reason).toMatch(reason);
    expect(pc.planned).toEqual([]);
  });

  it('records invalid input with the parse error and acts on nothing', async () => {
    const record = await run({ Records: [{ EventSource: 'aws:sns', Sns: { Message: 'not json' } }] }, deps(LATENCY, {}, escalator().fn));
    expect(record).toMatchObject({ source: 'invalid', decision: 'skipped', reasonCode: 'invalid-input' });
    expect(record.reason).toMatch(/^invalid input: /);
  });

  it('plans but never applies in a manual dry run, even when the alarm is OK', async () => {
    const pc = fake('raise-provisioned-concurrency', (r) => change('raise-provisioned-concurrency', `${r}:prod`, 2, 4));
    const esc = escalator();
    const view: ObservedAlarm = {
      name: LATENCY, arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`, state: 'OK', reason: '', stateTimestamp: new Date(), region: 'us-east-1', account: ACCOUNT, shape: 'metric', metrics: [],
    };
    const record = await run({ alarmName: LATENCY, dryRun: true }, deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, esc.fn, { readAlarm: async () => view }));
    expect(record).toMatchObject({ source: 'manual', mode: 'dry-run', decision: 'planned', reasonCode: 'dry-run' });
    expect(record.actions[0].plan).toMatchObject({ after: { value: 4 } });
    expect(pc.applied).toEqual([]);
    expect(esc.calls).toHaveLength(0);
  });

  it('tries the next candidate when the first does not apply (no recent alias move → raise reserved concurrency)', async () => {
    const name = 'ar-rung-high-error-rate-rung-api-prod';
    const rollback = fake('rollback-lambda-alias', (r) => noop('rollback-lambda-alias', r, 'alias did not move', true));
    const reserved = fake('raise-reserved-concurrency', (r) => change('raise-reserved-concurrency', r, 10, 20));
    const record = await run(alarmEvent({ name }), deps(name, { 'rollback-lambda-alias': rollback.remediation, 'raise-reserved-concurrency': reserved.remediation }, escalator().fn));
    expect(record).toMatchObject({ decision: 'applied', actions: [{ remediation: 'raise-reserved-concurrency', decision: 'applied' }] });
    expect(rollback.planned).toEqual(['rung-api-prod']);
  });

  it('proposes a guarded action the configuration does not enable (its default level), and escalates the plan', async () => {
    const name = 'ar-rung-high-error-rate-rung-api-prod';
    const rollback = fake('rollback-lambda-alias', (r) => change('rollback-lambda-alias', `${r}:prod`, 8, 7));
    const esc = escalator();
    const record = await run(alarmEvent({ name }), deps(name, { 'rollback-lambda-alias': rollback.remediation }, esc.fn));
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'propose', escalation: { published: true, messageId: 'msg-1' } });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', guarded: true, level: { level: 'propose', why: expect.stringContaining('rollback-lambda-alias propose: built-in default, a guarded action') } });
    expect(rollback.applied).toEqual([]);
    expect(esc.calls).toHaveLength(1);
  });

  it('escalates with diagnostics when the kind has no safe fix', async () => {
    const name = 'ar-rung-security-violation-security';
    const esc = escalator();
    const record = await run(alarmEvent({ name }), deps(name, {}, esc.fn));
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'escalate-only', severity: 'P0' });
    expect(esc.calls[0]).toMatchObject({ diagnostics: { logGroupName: '/rung/security/prod', filterPattern: 'IsolationViolation' } });
    expect(esc.calls[0].subject).toBe(`[P0] ${name}`);
  });

  it('escalates when nothing can be done (at a cap)', async () => {
    const pc = fake('raise-provisioned-concurrency', (r) => noop('raise-provisioned-concurrency', r, 'already at the cap of 10'));
    const esc = escalator();
    const record = await run(alarmEvent({ name: LATENCY }), deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, esc.fn));
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'no-op' });
    expect(record.reason).toMatch(/already at the cap of 10/);
    expect(esc.calls).toHaveLength(1);
  });

  it.each([
    ['plan', new Error('AccessDenied'), undefined, 'plan-failed'],
    ['apply', undefined, new Error('Throttled'), 'apply-failed'],
  ])('records a failed %s and escalates it', async (_, planError, applyError, code) => {
    const pc = fake('raise-provisioned-concurrency', (r) => planError ?? change('raise-provisioned-concurrency', r, 1, 3), applyError);
    const esc = escalator();
    const record = await run(alarmEvent({ name: LATENCY }), deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, esc.fn));
    expect(record).toMatchObject({ decision: 'failed', reasonCode: code, escalation: { published: true } });
    expect(esc.calls).toHaveLength(1);
  });

  it('acts on every backend of an API', async () => {
    const name = 'ar-ai-lifestyle-app-high-latency-ai-lifestyle-app-prod';
    const pc = fake('raise-provisioned-concurrency', (r) => change('raise-provisioned-concurrency', `${r}:live`, 0, 2));
    const record = await run(alarmEvent({ name }), deps(name, { 'raise-provisioned-concurrency': pc.remediation }, escalator().fn));
    expect(record.decision).toBe('applied');
    expect(pc.applied).toHaveLength(8);
    expect(Object.keys(record.after)).toContain('create_goal-prod:live');
  });

  it('proposes, and does not mutate, for severities outside autonomousSeverities', async () => {
    const plan = planOf({
      prefix: 'ar',
      guardrails: { autonomousSeverities: ['P0'] },
      systems: [{ id: 'rung', resources: { lambda: [{ name: 'rung-api-prod', alias: 'prod' }] } }],
    });
    const pc = fake('raise-provisioned-concurrency', (r) => change('raise-provisioned-concurrency', r, 1, 3));
    const record = await run(
      alarmEvent({ name: LATENCY }),
      deps(LATENCY, { 'raise-provisioned-concurrency': pc.remediation }, escalator().fn, { settings: settingsForAlarm(LATENCY, plan) }),
    );
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'propose' });
    expect(record.actions[0].level).toEqual({ level: 'propose', why: 'P1 alerts do not act on their own (autonomousSeverities: P0)' });
    expect(pc.applied).toEqual([]);
  });
});
