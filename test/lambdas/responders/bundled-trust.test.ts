/**
 * The trust boundary, on the bundles as deployed (issue 11, items 1-4): what a payload can make a
 * responder do when it does not come from a real alarm transition, when the kill switch cannot
 * be read, and when the state table is down. Each scenario was reproduced against the code
 * before the fix, where it changed production or silenced a page.
 */
import { decodeTargets } from '../../../lib/catalogue';
import { loadConfig } from '../../../lib/config/load';
import { planDeployment } from '../../../lib/deployment';
import { constructEnvironment } from '../../helpers/deployed-responder';
import { alarmEvent } from '../../helpers/alarm-event';
import { emptyState } from '../../helpers/fake-aws-services';
import { freshEvent, inCloudWatch, stateChangeTime, withMessage } from '../../helpers/fake-alarms';
import { fake, fixture, invoke, MUTATING, useBundledResponders, withLambda } from './bundled-harness';

useBundledResponders(['lambda', 'escalation']);

const DURATION = 'AWS/Lambda/Duration';
/** p95 latency over the threshold of 5000 ms in both evaluated periods. */
const BREACHING = { [DURATION]: [7312, 6120] };
const mutated = (ops: readonly string[]) => ops.filter((o) => MUTATING.test(o) && o !== 'sns.Publish');

describe('item 1: only a real, planned alarm transition in ALARM acts', () => {
  test('a direct invoke shaped like SNS with an invented StateChangeTime in 2031 changes nothing: stale, escalated', async () => {
    const event = withMessage(fixture('sns-metric-alarm.json'), { StateChangeTime: '2031-01-01T00:00:00.000+0000' });
    const { record, ops } = await invoke('rung', 'lambda', event);
    expect(mutated(ops)).toEqual([]);
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'stale', escalation: { published: true } });
    expect(record.reason).toMatch(/in the future/);
  });

  test('a fresh notification of an alarm that is OK now changes nothing: not-in-alarm', async () => {
    const { event } = freshEvent(fixture('sns-metric-alarm.json'));
    const state = inCloudWatch(emptyState(), event, { stateValue: 'OK' }, BREACHING);
    const { record, ops } = await invoke('rung', 'lambda', event, { state });
    expect(ops).toEqual(['cloudwatch.DescribeAlarms']);
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'not-in-alarm' });
  });

  test('a notification of an older transition than the alarm\'s own changes nothing: stale', async () => {
    const { event, at } = freshEvent(fixture('sns-metric-alarm.json'), 120_000);
    const state = inCloudWatch(emptyState(), event, { transitioned: new Date(at.getTime() + 60_000) }, BREACHING);
    const { record, ops } = await invoke('rung', 'lambda', event, { state });
    expect(mutated(ops)).toEqual([]);
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'stale' });
    expect(record.reason).toMatch(/the alarm moved on/);
  });

  test('an alert kind the configuration disabled changes nothing: not-planned, without a call to AWS', async () => {
    const config = loadConfig('config/default.json');
    const rung = config.systems.find((s) => s.id === 'rung');
    if (!rung) throw new Error('no rung system');
    const disabled = { ...config, systems: config.systems.map((s) => (s === rung ? { ...s, alerts: { ...s.alerts, 'high-latency': { disabled: true } } } : s)) };
    const env = constructEnvironment('rung', 'lambda', planDeployment(disabled));
    // The target is still this responder's: only the alert kind is not planned on it.
    expect(decodeTargets(env.AR_TARGETS, JSON.parse(env.AR_CAPS), 'rung').has('rung-api-prod')).toBe(true);
    const { event } = freshEvent(fixture('sns-metric-alarm.json'));
    const state = inCloudWatch(emptyState(), event, {}, BREACHING);
    const { record, ops } = await invoke('rung', 'lambda', event, { state, env: { AR_TARGETS: env.AR_TARGETS } });
    expect(ops).toEqual([]);
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'not-planned' });
  });

  test('an alarm put into ALARM by hand whose metric does not breach is planned, not applied: unconfirmed, escalated', async () => {
    const { event } = freshEvent(fixture('sns-metric-alarm.json'));
    const state = inCloudWatch(emptyState(), event, {}, { [DURATION]: [120, 180] });
    const { record, ops } = await invoke('rung', 'lambda', event, { state });
    expect(mutated(ops)).toEqual([]);
    expect(ops).toContain('cloudwatch.GetMetricData');
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'unconfirmed', escalation: { published: true } });
    expect(record.actions).toMatchObject([{ remediation: 'raise-provisioned-concurrency', decision: 'planned' }]);
  });

  test('invented StateChangeTimes of one transition share one idempotency key: the alarm\'s real state timestamp', async () => {
    const { event, at } = freshEvent(fixture('sns-metric-alarm.json'));
    const state = () => inCloudWatch(emptyState(), event, {}, BREACHING);
    const first = await invoke('rung', 'lambda', event, { state: state() });
    expect(first.record.decision).toBe('applied');
    const shifted = withMessage(event, { StateChangeTime: stateChangeTime(new Date(at.getTime() + 400)) });
    const again = await invoke('rung', 'lambda', shifted, { state: state(), stateTable: first.stateTable });
    expect(again.record).toMatchObject({ decision: 'skipped', reasonCode: 'duplicate' });
    expect(mutated(again.ops)).toEqual([]);
  });
});

describe('item 2: undo reads the state table, never the log group, and obeys the guards', () => {
  const FORGED = '3f1c9e2a-7b4d-4e8f-a6c5-1d2e3f4a5b6c';
  /** What anyone with logs:PutLogEvents could plant: a record that "raised" reserved concurrency from 1. */
  const forgedRecord = {
    recordVersion: 1,
    recordType: 'notification',
    recordId: FORGED,
    responder: { system: 'rung', family: 'lambda' },
    alarm: { name: 'ar-rung-lambda-throttles-rung-api-prod', region: 'us-east-1', account: '123456789012' },
    alertKind: 'lambda-throttles',
    decision: 'applied',
    actions: [{ remediation: 'raise-reserved-concurrency', targetKey: 'rung-api-prod', resource: 'rung-api-prod', decision: 'applied', guarded: false,
      before: { reservedConcurrency: 1 }, after: { reservedConcurrency: 50 }, plan: { params: { functionName: 'rung-api-prod', reservedConcurrency: 50 } } }],
  };

  test('a record planted in the remediation log is not undone', async () => {
    const state = withLambda('rung-api-prod', { reserved: 50 });
    state.logs.messages.push(JSON.stringify(forgedRecord));
    const { record, ops } = await invoke('rung', 'lambda', { undo: FORGED, dryRun: false }, { state });
    expect(mutated(ops)).toEqual([]);
    expect(ops).not.toContain('logs.FilterLogEvents');
    expect(fake.state.lambda.functions['rung-api-prod']?.reserved).toBe(50);
    expect(record).toMatchObject({ recordType: 'undo', decision: 'skipped', reasonCode: 'undo' });
    expect(record.reason).toMatch(/no applied action .* in the state table/);
  });

  test('with the kill switch off, an undo with dryRun false changes nothing', async () => {
    const { event } = freshEvent(fixture('sns-metric-alarm.json'));
    const applied = await invoke('rung', 'lambda', event, { state: inCloudWatch(emptyState(), event, {}, BREACHING) });
    expect(applied.record.decision).toBe('applied');
    const state = withLambda('rung-api-prod', { provisioned: { prod: 2 } });
    state.ssm.parameters['/ar/mode'] = 'off';
    const { record, ops } = await invoke('rung', 'lambda', { undo: applied.record.recordId, dryRun: false }, { state, stateTable: applied.stateTable });
    expect(mutated(ops)).toEqual([]);
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'kill-switch' });
  });
});

describe('item 3: the kill switch only ever stops changes, never pages', () => {
  test('a deleted kill switch parameter means off: a P0 security violation is still published, and the switch is counted unreadable', async () => {
    const name = 'ar-rung-security-violation-security';
    const event = alarmEvent({ name, time: stateChangeTime(new Date(Date.now() - 30_000)) });
    const state = inCloudWatch(emptyState(), event);
    delete state.ssm.parameters['/ar/mode'];
    const { record, ops, logs } = await invoke('rung', 'escalation', event, { state });
    expect(ops).toContain('sns.Publish');
    expect(record).toMatchObject({ severity: 'P0', decision: 'escalated', escalation: { published: true } });
    expect(record.reason).toMatch(/kill switch \/ar\/mode could not be read \(ParameterNotFound/);
    expect(logs.filter((l) => 'KillSwitchUnreadable' in l)).toEqual([expect.objectContaining({ KillSwitchUnreadable: 1 })]);
  });

  test('a malformed value ("ENFORCE ") means off: the plan is refused and escalated, nothing changes', async () => {
    const { event } = freshEvent(fixture('sns-metric-alarm.json'));
    const state = inCloudWatch(emptyState(), event, {}, BREACHING);
    state.ssm.parameters['/ar/mode'] = 'ENFORCE ';
    const { record, ops } = await invoke('rung', 'lambda', event, { state });
    expect(mutated(ops)).toEqual([]);
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'kill-switch', escalation: { published: true } });
  });

  test('in dry-run, an alarm with no safe fix is still published to people', async () => {
    const { event } = freshEvent(fixture('sns-math-alarm.json'));
    const state = inCloudWatch(emptyState(), event, {}, { error_rate: [3.4, 2.1] });
    state.ssm.parameters['/ar/mode'] = 'dry-run';
    const { record, ops } = await invoke('hlekkr', 'lambda', event, { state });
    expect(mutated(ops)).toEqual([]);
    expect(ops).toContain('sns.Publish');
    expect(record).toMatchObject({ mode: 'dry-run', escalation: { published: true } });
  });
});

describe('item 4: the state table down', () => {
  test('still yields exactly one record, state-unavailable, with no action and an escalation', async () => {
    const { event } = freshEvent(fixture('sns-metric-alarm.json'));
    const state = inCloudWatch(emptyState(), event, {}, BREACHING);
    state.dynamodb.down = true;
    const { record, ops } = await invoke('rung', 'lambda', event, { state });
    expect(mutated(ops)).toEqual([]);
    expect(record).toMatchObject({ decision: 'failed', reasonCode: 'state-unavailable', escalation: { published: true } });
  });
});
