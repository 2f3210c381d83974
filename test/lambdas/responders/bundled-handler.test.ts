/**
 * The bundled handler as deployed: each responder family is bundled with the construct's esbuild
 * options, loaded by Node's own require with the environment the construct sets (from the default
 * configuration), and invoked in-process against each fixture shape. Every AWS call goes to a fake
 * endpoint on 127.0.0.1, which records them; the result record is read back from PutLogEvents.
 */
import * as fs from 'node:fs';
import { bundleDir, bundleResponder } from '../../helpers/bundle';
import { deployedEnvironment, ESCALATION_TOPIC_ARN } from '../../helpers/deployed-responder';
import { emptyState, type FakeState } from '../../helpers/fake-aws-services';
import { freshEvent, inCloudWatch } from '../../helpers/fake-alarms';
import { countRoundTrips } from '../../helpers/round-trips';
import {
  bundles,
  expectVerificationScheduled,
  FAMILIES,
  fake,
  fixture,
  invoke,
  MAX_BUNDLE_BYTES,
  MUTATING,
  STATE_TABLE,
  stateTableCalls,
  useBundledResponders,
  withLambda,
} from './bundled-harness';

useBundledResponders();

/** The fixture as CloudWatch would send it now, and CloudWatch holding its alarm in ALARM, its p95 latency breaching. */
function latencyAlarm(state: FakeState = emptyState(), event = freshEvent(fixture('sns-metric-alarm.json')).event) {
  return { event, state: inCloudWatch(state, event, {}, { 'AWS/Lambda/Duration': [7312, 6120] }) };
}

test('the bundles stay under 1.5 MB', () => {
  for (const family of FAMILIES) expect(bundles.get(family)?.bytes).toBeLessThan(MAX_BUNDLE_BYTES);
});

test('the bundles carry no zod: its module and schemas cost a cold start about 30 ms of CPU (bench/RESULTS.md)', () => {
  for (const family of FAMILIES) {
    const packages = bundles.get(family)?.packages ?? new Set();
    // Not vacuous: the SDK is bundled, so the metafile lists packages.
    expect(packages).toContain('@aws-sdk/client-sns');
    expect(packages).not.toContain('zod');
  }
});

test('the escalation responder, which acts on nothing, bundles no context clients and no STS (only acting responders assume an action role)', async () => {
  const dir = bundleDir('escalation-clients');
  const escalation = await bundleResponder('escalation', dir).then((b) => b.packages).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  expect(escalation).toContain('@aws-sdk/client-sns');
  for (const client of ['@aws-sdk/client-sts', '@aws-sdk/client-cloudtrail', '@aws-sdk/client-cloudformation']) expect(escalation).not.toContain(client);
  const acting = bundles.get('lambda')?.packages ?? new Set();
  for (const client of ['@aws-sdk/client-sts', '@aws-sdk/client-cloudtrail', '@aws-sdk/client-cloudformation']) expect(acting).toContain(client);
});

test('the construct sets every variable the handler reads (the tests add none)', () => {
  // Anything listed was filled in by deployedEnvironment: a deployed responder would lack it and
  // fail every invocation with a SettingsError.
  expect(deployedEnvironment('rung', 'lambda', { endpoint: fake.url, stateTable: STATE_TABLE }).supplied).toEqual([]);
});


test('metric alarm: reads the alarm back, confirms the breach, raises provisioned concurrency on the alias by the step (0 → 2)', async () => {
  const { event, state } = latencyAlarm();
  const { record, ops, guardrails, result } = await invoke('rung', 'lambda', event, { state });
  expect(ops).toEqual([
    'cloudwatch.DescribeAlarms',
    'lambda.GetProvisionedConcurrencyConfig',
    'lambda.GetFunctionConcurrency',
    'lambda.GetAccountSettings',
    // Context before the breach confirmation and the guards: its owning stack (tags), a traffic shift, recent changes.
    'lambda.ListTags',
    'lambda.GetAlias',
    'cloudtrail.LookupEvents',
    'cloudwatch.GetMetricData',
    // Scheduled just before the apply: a run that dies after changing something is still re-checked.
    'sqs.SendMessage',
    'lambda.PutProvisionedConcurrencyConfig',
  ]);
  expect(fake.calls.find((c) => c.operation === 'DescribeAlarms')?.body).toEqual({ AlarmNames: ['ar-rung-high-latency-rung-api-prod'], AlarmTypes: ['MetricAlarm'] });
  const put = fake.calls.find((c) => c.operation === 'PutProvisionedConcurrencyConfig');
  expect(put).toMatchObject({ method: 'PUT', path: '/2019-09-30/functions/rung-api-prod/provisioned-concurrency' });
  expect(put?.params).toEqual({ name: 'rung-api-prod', Qualifier: 'prod' });
  expect(put?.body).toEqual({ ProvisionedConcurrentExecutions: 2 });
  expect(record).toMatchObject({
    source: 'sns',
    mode: 'enforce',
    decision: 'applied',
    reasonCode: 'applied',
    alertKind: 'high-latency',
    severity: 'P1',
    system: 'rung',
    target: { type: 'lambda', key: 'rung-api-prod' },
    alarm: { name: 'ar-rung-high-latency-rung-api-prod', shape: 'metric', state: 'ALARM', account: '123456789012', region: 'us-east-1' },
    actions: [{ remediation: 'raise-provisioned-concurrency', resource: 'rung-api-prod:prod', decision: 'applied' }],
    before: { 'rung-api-prod:prod': { provisionedConcurrency: 0, reservedConcurrency: null, unreservedAccountConcurrency: 1000 } },
    after: { 'rung-api-prod:prod': { provisionedConcurrency: 2, status: 'IN_PROGRESS' } },
  });
  expect(record.calls[1]).toMatchObject({ operation: 'GetProvisionedConcurrencyConfig', ok: false, error: expect.stringMatching(/^ProvisionedConcurrencyConfigNotFoundException/) });
  expect(record.confirmation).toMatchObject({ confirmed: true });
  expect(record.escalation).toBeUndefined();
  expectVerificationScheduled(record);
  expect(result).toEqual({ records: [{ recordId: record.recordId, decision: 'applied', reasonCode: 'applied' }] });
  // The kill switch is read first; the transition is claimed once the alarm is read back; the
  // breaker's window and the ladder's histories are read while planning; the resource and the
  // breaker are taken at once; the claim's outcome, the release, the apply in the history and
  // the applied actions are written at once.
  expect(guardrails).toEqual([
    'ssm.GetParameter', 'dynamodb.PutItem', 'dynamodb.GetItem', 'dynamodb.BatchGetItem',
    'dynamodb.UpdateItem', 'dynamodb.UpdateItem', 'dynamodb.UpdateItem', 'dynamodb.UpdateItem', 'dynamodb.UpdateItem', 'dynamodb.PutItem',
  ]);
  expect(fake.calls[0]).toMatchObject({ body: { Name: '/ar/mode' } });
});

test('a second delivery of the same notification is a duplicate: its own record, no second change', async () => {
  const { event, state } = latencyAlarm();
  const first = await invoke('rung', 'lambda', event, { state });
  const again = await invoke('rung', 'lambda', event, { state: latencyAlarm(emptyState(), event).state, stateTable: first.stateTable });
  expect(again.ops).toEqual(['cloudwatch.DescribeAlarms']);
  expect(again.record).toMatchObject({ source: 'sns', mode: 'enforce', decision: 'skipped', reasonCode: 'duplicate', alertKind: 'high-latency' });
  expect(again.record.reason).toContain(first.record.recordId);
});

test('maintenance window: the bundle reads AR_MAINTENANCE and evaluates the zone with its own Intl data: planned, nothing applied, no page for a P1', async () => {
  const { event, state } = latencyAlarm();
  // Open whenever the test runs: every minute starts an hour-long window, in a zone with daylight saving time.
  const always = { name: 'always open', cron: '* * * * *', durationMinutes: 60, timeZone: 'Europe/Berlin', level: 'deployment' };
  const { record, ops } = await invoke('rung', 'lambda', event, { state, env: { AR_MAINTENANCE: JSON.stringify({ escalate: ['P0'], windows: [always] }) } });
  // The plan's reads and the context's (read-only, for the record); no breach read, no re-check, no change.
  expect(ops).toEqual(['cloudwatch.DescribeAlarms', 'lambda.GetProvisionedConcurrencyConfig', 'lambda.GetFunctionConcurrency', 'lambda.GetAccountSettings', 'lambda.ListTags', 'lambda.GetAlias', 'cloudtrail.LookupEvents']);
  expect(record).toMatchObject({ decision: 'planned', reasonCode: 'maintenance', context: { maintenance: { name: 'always open', level: 'deployment', escalates: false } } });
  expect(record.escalation).toBeUndefined();
  expect(record.verification).toBeUndefined();
});

/** The state-table round trips of the last invocation, as real DynamoDB would count them (test/helpers/round-trips.ts). */
function roundTrips() {
  const { state, other } = stateTableCalls();
  return countRoundTrips(state, other);
}

test('issue 9: a fresh notification makes at most 3 sequential state-table round trips, a duplicate 1', async () => {
  const { event, state } = latencyAlarm();
  const first = await invoke('rung', 'lambda', event, { state });
  expect(first.record.decision).toBe('applied');
  // Claim; [the breaker and history reads, while planning]; resource and breaker at once; outcome, release, history and applied item at once.
  const fresh = roundTrips();
  expect(fresh).toMatchObject({ calls: 9, fallbacks: 0, overlapped: 2 });
  expect(fresh.sequential).toBeLessThanOrEqual(3);
  await invoke('rung', 'lambda', event, { state: latencyAlarm(emptyState(), event).state, stateTable: first.stateTable });
  // The failed claim; dynalite then needs a read that real DynamoDB does not (it returns the item with the failure).
  expect(roundTrips()).toEqual({ calls: 2, fallbacks: 1, sequential: 1, overlapped: 0 });
});

test('kill switch "dry-run": the metric alarm is planned, nothing is changed', async () => {
  const { event, state } = latencyAlarm();
  state.ssm.parameters['/ar/mode'] = 'dry-run';
  const { record, ops } = await invoke('rung', 'lambda', event, { state });
  expect(ops).toEqual(['cloudwatch.DescribeAlarms', 'lambda.GetProvisionedConcurrencyConfig', 'lambda.GetFunctionConcurrency', 'lambda.GetAccountSettings']);
  expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned', alertKind: 'high-latency', target: { type: 'lambda', key: 'rung-api-prod' } });
  expect(record.actions).toMatchObject([{ remediation: 'raise-provisioned-concurrency', decision: 'planned', plan: { after: { provisionedConcurrency: 2 } } }]);
});

describe('metric-math alarm (hlekkr high-error-rate, no alias: the rollback does not apply)', () => {
  const target = { type: 'lambda', key: 'hlekkr-prod-media-upload' };
  /** The error rate (the expression the alarm returns) over 1 % in both periods. */
  const mathAlarm = (state: FakeState = emptyState()) => {
    const { event } = freshEvent(fixture('sns-math-alarm.json'));
    return { event, state: inCloudWatch(state, event, {}, { error_rate: [3.4, 2.1] }) };
  };

  test('with a reservation, confirms the breach of the expression and raises reserved concurrency by the step', async () => {
    const { event, state } = mathAlarm(withLambda('hlekkr-prod-media-upload', { reserved: 20 }));
    const { record, ops } = await invoke('hlekkr', 'lambda', event, { state });
    expect(ops).toEqual(['cloudwatch.DescribeAlarms', 'lambda.GetFunctionConcurrency', 'lambda.GetAccountSettings', 'lambda.ListTags', 'cloudtrail.LookupEvents', 'cloudwatch.GetMetricData', 'sqs.SendMessage', 'lambda.PutFunctionConcurrency']);
    // The alarm's own queries, its expression returned.
    expect(fake.calls.find((c) => c.operation === 'GetMetricData')?.body).toMatchObject({ MetricDataQueries: expect.arrayContaining([expect.objectContaining({ Id: 'error_rate', Expression: '100 * errors / invocations', ReturnData: true })]) });
    const put = fake.calls.find((c) => c.operation === 'PutFunctionConcurrency');
    expect(put).toMatchObject({ method: 'PUT', path: '/2017-10-31/functions/hlekkr-prod-media-upload/concurrency', body: { ReservedConcurrentExecutions: 30 } });
    expect(put?.body).toEqual({ ReservedConcurrentExecutions: 30 });
    expect(record).toMatchObject({ mode: 'enforce', decision: 'applied', reasonCode: 'applied', alertKind: 'high-error-rate', target, alarm: { shape: 'metric-math' } });
    expect(record.actions).toMatchObject([{ remediation: 'raise-reserved-concurrency', decision: 'applied', after: { reservedConcurrency: 30 } }]);
    expectVerificationScheduled(record);
  });

  test('without one, changes nothing and escalates to people by SNS', async () => {
    const { event, state } = mathAlarm();
    const { record, ops } = await invoke('hlekkr', 'lambda', event, { state });
    // The record's context (the function's tags, its recent changes) before the escalation's diagnostics.
    expect(ops).toEqual(['cloudwatch.DescribeAlarms', 'lambda.GetFunctionConcurrency', 'lambda.ListTags', 'cloudtrail.LookupEvents', 'cloudwatch.GetMetricData', 'sns.Publish']);
    const publish = fake.calls.find((c) => c.operation === 'Publish');
    expect(publish?.body).toMatchObject({ TopicArn: ESCALATION_TOPIC_ARN, Subject: '[P1] ar-hlekkr-high-error-rate-hlekkr-prod-media-upload' });
    expect(record).toMatchObject({ mode: 'enforce', decision: 'escalated', reasonCode: 'no-op', alertKind: 'high-error-rate', target });
    expect(record.actions).toMatchObject([{ remediation: 'raise-reserved-concurrency', decision: 'skipped' }]);
    expect(record.escalation).toMatchObject({ published: true, topicArn: ESCALATION_TOPIC_ARN, messageId: expect.any(String) });
    expect(record.verification).toBeUndefined();
  });
});

test.each([
  ['sns-composite-alarm.json', 'skipped', 'unknown-alarm', undefined, undefined],
  // OK and INSUFFICIENT_DATA change nothing: not even read back.
  ['sns-ok.json', 'skipped', 'resolved', 'high-latency', { type: 'lambda', key: 'rung-api-prod' }],
])('%s → %s (%s), without a call to AWS', async (file, decision, reasonCode, alertKind, target) => {
  const { record, ops } = await invoke('rung', 'lambda', fixture(file));
  expect(ops).toEqual([]);
  expect(record).toMatchObject({ source: 'sns', mode: 'enforce', decision, reasonCode });
  expect(record.alertKind).toEqual(alertKind);
  expect(record.target).toEqual(target);
});

test('INSUFFICIENT_DATA → skipped (ignored-state), without a call to AWS', async () => {
  const { record, ops } = await invoke('ai-lifestyle-app', 'dynamodb', fixture('sns-insufficient-data.json'));
  expect(ops).toEqual([]);
  expect(record).toMatchObject({
    mode: 'enforce',
    decision: 'skipped',
    reasonCode: 'ignored-state',
    alertKind: 'dynamodb-throttling',
    target: { type: 'dynamodb', key: 'ai-lifestyle-app-goals-prod' },
  });
});

test('manual dry run: looks the alarm up, plans the switch to on-demand, returns the record and changes nothing', async () => {
  const name = 'ar-ai-lifestyle-app-dynamodb-throttling-ai-lifestyle-app-goals-prod';
  const state = emptyState();
  // CloudWatch speaks JSON 1.0 (awsQueryCompatible) in this SDK: DescribeAlarms is answered as JSON.
  // OK: a person's dry run asks what would be done if it fired.
  state.cloudwatch.alarms[name] = {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`,
    StateValue: 'OK',
    StateReason: 'Threshold Crossed',
    StateUpdatedTimestamp: Date.parse('2024-05-14T03:21:09.004Z') / 1000,
    MetricName: 'WriteThrottleEvents',
    Namespace: 'AWS/DynamoDB',
    Statistic: 'Sum',
    Dimensions: [{ Name: 'TableName', Value: 'ai-lifestyle-app-goals-prod' }],
    Period: 60,
    EvaluationPeriods: 1,
  };
  state.dynamodb.tables['ai-lifestyle-app-goals-prod'] = { status: 'ACTIVE', billingMode: 'PROVISIONED', read: 5, write: 5 };
  const { record, ops, result, guardrails } = await invoke('ai-lifestyle-app', 'dynamodb', fixture('manual-dry-run.json'), { state });
  expect(ops).toEqual(['cloudwatch.DescribeAlarms', 'dynamodb.DescribeTable']);
  expect(ops.filter((o) => MUTATING.test(o))).toEqual([]);
  expect(fake.calls.find((c) => c.operation === 'DescribeAlarms')).toMatchObject({ body: { AlarmNames: [name] } });
  // Nothing to claim, nothing to publish: a person's dry run.
  expect(guardrails).toEqual(['ssm.GetParameter']);
  expect(record).toMatchObject({
    source: 'manual',
    mode: 'dry-run',
    decision: 'planned',
    reasonCode: 'dry-run',
    alertKind: 'dynamodb-throttling',
    target: { type: 'dynamodb', key: 'ai-lifestyle-app-goals-prod' },
    actions: [{ remediation: 'switch-dynamodb-on-demand', decision: 'planned', plan: { after: { billingMode: 'PAY_PER_REQUEST' } } }],
  });
  expect(result).toEqual(record);
});

describe('manual undo', () => {
  test('of a record the state table does not hold: reads its applied-action item, records the skip, changes nothing', async () => {
    const { record, ops, result, guardrails } = await invoke('rung', 'lambda', fixture('manual-undo.json'));
    expect(ops).toEqual([]);
    expect(guardrails).toEqual(['ssm.GetParameter', 'dynamodb.GetItem']);
    expect(fake.calls.find((c) => c.operation === 'GetItem')?.body).toMatchObject({ Key: { id: { S: 'applied#3f1c9e2a-7b4d-4e8f-a6c5-1d2e3f4a5b6c' } } });
    expect(record).toMatchObject({ source: 'manual', mode: 'dry-run', decision: 'skipped', reasonCode: 'undo', actions: [] });
    expect(record.reason).toMatch(/no applied action 3f1c9e2a-7b4d-4e8f-a6c5-1d2e3f4a5b6c in the state table/);
    expect(record.alertKind).toBeUndefined();
    expect(result).toEqual(record);
  });

  test('of the metric alarm\'s record: a dry run plans removing the provisioned concurrency, dryRun false removes it', async () => {
    const { event, state } = latencyAlarm();
    const { record: applied, stateTable } = await invoke('rung', 'lambda', event, { state });
    const raised = () => withLambda('rung-api-prod', { provisioned: { prod: 2 } });
    const dry = await invoke('rung', 'lambda', { undo: applied.recordId }, { state: raised(), stateTable });
    expect(dry.ops).toEqual(['lambda.GetProvisionedConcurrencyConfig']);
    expect(dry.record).toMatchObject({ source: 'manual', mode: 'dry-run', decision: 'planned', reasonCode: 'undo' });
    expect(dry.record.actions).toMatchObject([{ remediation: 'raise-provisioned-concurrency', resource: 'rung-api-prod:prod', decision: 'planned' }]);

    const done = await invoke('rung', 'lambda', { undo: applied.recordId, dryRun: false }, { state: raised(), stateTable });
    // An undo is a person's decision, not a fix for the alarm: nothing to re-check.
    expect(done.ops).toEqual(['lambda.GetProvisionedConcurrencyConfig', 'lambda.DeleteProvisionedConcurrencyConfig']);
    // Through the same guards as any apply: the resource and the breaker taken, then released.
    expect(done.guardrails).toEqual(['ssm.GetParameter', 'dynamodb.GetItem', 'dynamodb.UpdateItem', 'dynamodb.GetItem', 'dynamodb.UpdateItem', 'dynamodb.UpdateItem']);
    expect(done.record).toMatchObject({ mode: 'enforce', decision: 'applied', reasonCode: 'undo' });
    expect(fake.state.lambda.functions['rung-api-prod']?.provisioned).toEqual({});
    // Item 10: the applied item kept the record's MAC, so the undo names the signed record it reverts.
    expect(done.record.undoes).toEqual({ recordId: applied.recordId, integrity: applied.integrity });
    expect(done.record.reason).toContain(`undo of ${applied.recordId} (signed record, MAC ${'mac' in applied.integrity ? applied.integrity.mac.slice(0, 16) : 'none'}...)`);
  });
});

test('item 10: with KMS refusing the action is taken and the one record is written all the same, unsigned, saying why, and counted', async () => {
  const { event, state } = latencyAlarm({ ...emptyState(), kms: { refuse: 'AccessDeniedException' } });
  // invoke checks that exactly one record was written, unsigned with KMS's error, with UnsignedRecords counted.
  const { record, ops } = await invoke('rung', 'lambda', event, { state });
  expect(record).toMatchObject({ decision: 'applied', actions: [{ decision: 'applied' }] });
  expect(ops).toContain('lambda.PutProvisionedConcurrencyConfig');
  expect(fake.operations().filter((o) => o === 'logs.PutLogEvents')).toHaveLength(1);
});
