/**
 * The trust boundary in respond(): every check between a payload and an action, with CloudWatch
 * scripted per test. The bundled handler meets the same checks against the fake AWS in
 * test/lambdas/responders/bundled-trust.test.ts.
 */
import type { ObservedAlarm } from '../../../lambdas/core/alarm';
import type { Claims, TransitionKey } from '../../../lambdas/guardrails/claims';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { SAME_TRANSITION_MS } from '../../../lambdas/pipeline/trust';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { observedOf, trusting } from '../../helpers/trusted-alarms';
import { countingEscalation, countingRemediation, LATENCY, minutes, T0 } from '../guardrails/fixtures';

const ARN = `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`;
const stamp = (d: Date) => d.toISOString().replace('Z', '+0000');

function setup(extra: Partial<RespondDeps> = {}) {
  const pc = countingRemediation('raise-provisioned-concurrency');
  const esc = countingEscalation();
  const reads: Array<{ name: string; region: string | undefined }> = [];
  const deps: RespondDeps = {
    settings: settingsForAlarm(LATENCY),
    remediations: { 'raise-provisioned-concurrency': pc.remediation },
    escalate: esc.fn,
    self: { account: ACCOUNT, region: 'us-east-1' },
    ...trusting(minutes(T0, 1)).deps,
    ...extra,
  };
  /** CloudWatch holding `observed` (or nothing); each read recorded. */
  const run = (event: unknown, observed?: Partial<ObservedAlarm> | null, more: Partial<RespondDeps> = {}) => {
    const [outcome] = parseInvocation(event);
    const base = observedOf(outcome) ?? observedOf(parseInvocation(alarmEvent({ name: LATENCY, time: stamp(T0) }))[0]);
    const answer = observed === null || !base ? undefined : { ...base, ...observed };
    const readAlarm: RespondDeps['readAlarm'] = async (name, region) => (reads.push({ name, region }), answer);
    return respond(outcome, { ...deps, readAlarm, ...more });
  };
  return { run, pc, esc, reads };
}

describe('freshness of a notification', () => {
  it.each([
    ['older than maxNotificationAgeMinutes (60)', minutes(T0, -61), /62 minutes old, over maxNotificationAgeMinutes 60/],
    ['further in the future than maxClockSkewSeconds (300)', minutes(T0, 7), /in the future, over maxClockSkewSeconds 300/],
  ])('refuses one %s as stale, escalated, without reading anything', async (_, at, reason) => {
    const { run, pc, esc, reads } = setup();
    const record = await run(alarmEvent({ name: LATENCY, time: stamp(at) }), { stateTimestamp: at });
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'stale', escalation: { published: true } });
    expect(record.reason).toMatch(reason);
    expect([pc.applied, reads]).toEqual([[], []]);
    expect(esc.calls).toHaveLength(1);
  });

  it('accepts one within both limits', async () => {
    const { run } = setup();
    expect(await run(alarmEvent({ name: LATENCY, time: stamp(minutes(T0, 5)) }))).toMatchObject({ decision: 'applied' });
  });
});

describe('the alarm read back', () => {
  const event = () => alarmEvent({ name: LATENCY, time: stamp(T0) });

  it('acts when it is the same alarm, in ALARM, at the notified transition (within a second)', async () => {
    const { run, pc, reads } = setup();
    expect(await run(event(), { stateTimestamp: new Date(T0.getTime() + SAME_TRANSITION_MS) })).toMatchObject({ decision: 'applied' });
    expect(reads).toEqual([{ name: LATENCY, region: 'us-east-1' }]);
    expect(pc.applied).toHaveLength(1);
  });

  it.each([
    ['no such alarm', null, 'not-planned', 'skipped', /no alarm named/],
    ['another ARN', { arn: `${ARN}-other` }, 'not-planned', 'skipped', /the notification names .* but the alarm/],
    ['an alarm that is OK now', { state: 'OK' as const }, 'not-in-alarm', 'skipped', /is OK now, not ALARM/],
    ['an alarm that moved on since', { stateTimestamp: minutes(T0, 1) }, 'stale', 'escalated', /the alarm moved on/],
  ])('refuses %s', async (_, observed, code, decision, reason) => {
    const { run, pc } = setup();
    const record = await run(event(), observed);
    expect(record).toMatchObject({ decision, reasonCode: code });
    expect(record.reason).toMatch(reason);
    expect(pc.applied).toEqual([]);
  });

  it('fails, escalated, when the alarm cannot be read', async () => {
    const { run, pc } = setup();
    const record = await run(event(), undefined, { readAlarm: async () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDenied' })) });
    expect(record).toMatchObject({ decision: 'failed', reasonCode: 'plan-failed', escalation: { published: true } });
    expect(pc.applied).toEqual([]);
  });

  it('is read in us-east-1 for an alarm on a us-east-1-only metric, whatever the responder\'s region', async () => {
    const plan = planOf({
      prefix: 'ar',
      region: 'eu-west-1',
      systems: [{ id: 'shop', resources: { ecs: [{ cluster: 'c', service: 'api' }], healthCheck: [{ id: 'health', url: 'https://shop.example.com/health', backends: [{ type: 'ecs', key: 'api' }] }] } }],
    });
    const name = 'ar-shop-api-down-health';
    const { run, reads } = setup({ settings: settingsForAlarm(name, plan), self: { account: ACCOUNT, region: 'eu-west-1' } });
    await run({ alarmName: name, dryRun: true });
    expect(reads).toEqual([{ name, region: 'us-east-1' }]);
  });
});

describe('a manual run', () => {
  it('with dryRun false acts only on an alarm in ALARM now', async () => {
    const { run, pc } = setup();
    expect(await run({ alarmName: LATENCY, dryRun: false }, { state: 'OK' })).toMatchObject({ source: 'manual', decision: 'skipped', reasonCode: 'not-in-alarm' });
    expect(pc.applied).toEqual([]);
    expect(await run({ alarmName: LATENCY, dryRun: false })).toMatchObject({ source: 'manual', decision: 'applied' });
  });

  it('is claimed like the SNS delivery of the same transition: the two act once', async () => {
    const keys = new Set<string>();
    const claims: Claims = {
      claim: async (t: TransitionKey) => {
        const k = `${t.alarmArn}@${t.stateTimestamp.toISOString()}`;
        if (keys.has(k)) return { kind: 'duplicate', reason: `duplicate: ${k}` };
        keys.add(k);
        return { kind: 'claimed', complete: async () => undefined };
      },
    };
    const { run, pc } = setup({ claims });
    expect(await run(alarmEvent({ name: LATENCY, time: stamp(T0) }))).toMatchObject({ decision: 'applied' });
    expect(await run({ alarmName: LATENCY, dryRun: false })).toMatchObject({ decision: 'skipped', reasonCode: 'duplicate' });
    expect(pc.applied).toHaveLength(1);
  });

  it('as a dry run claims nothing and publishes nothing', async () => {
    const claims: Claims = { claim: async () => Promise.reject(new Error('a dry run claimed')) };
    const { run, esc } = setup({ claims });
    const record = await run({ alarmName: 'ar-rung-security-violation-security', dryRun: true }, undefined, { settings: settingsForAlarm('ar-rung-security-violation-security') });
    expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned', escalation: { published: false } });
    expect(esc.calls).toHaveLength(0);
  });
});

describe('the alert kind', () => {
  it('must be planned on the target: a kind the configuration disabled is not-planned, read nothing', async () => {
    const plan = planOf({ prefix: 'ar', systems: [{ id: 'rung', alerts: { 'lambda-throttles': { disabled: true } }, resources: { lambda: [{ name: 'rung-api-prod', alias: 'prod' }] } }] });
    const { run, reads } = setup({ settings: settingsForAlarm(LATENCY, plan) });
    const record = await run(alarmEvent({ name: 'ar-rung-lambda-throttles-rung-api-prod', time: stamp(T0) }));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'not-planned', alertKind: 'lambda-throttles' });
    expect(reads).toEqual([]);
  });
});
