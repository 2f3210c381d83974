/**
 * The bundled handler as deployed: each responder family is bundled with the construct's esbuild
 * options, loaded by Node's own require with the environment the construct sets (from the default
 * configuration), and invoked in-process against each fixture shape. Every AWS call goes to a fake
 * endpoint on 127.0.0.1, which records them; the result record is read back from PutLogEvents.
 */
import { deployedEnvironment, ESCALATION_TOPIC_ARN, REMEDIATION_LOG_GROUP } from '../../helpers/deployed-responder';
import { emptyState } from '../../helpers/fake-aws-services';
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
  useBundledResponders,
  withLambda,
} from './bundled-harness';

useBundledResponders();

test('the bundles stay under 1.5 MB', () => {
  for (const family of FAMILIES) expect(bundles.get(family)?.bytes).toBeLessThan(MAX_BUNDLE_BYTES);
});

test('the construct sets every variable the handler reads (the tests add none)', () => {
  // Anything listed was filled in by deployedEnvironment: a deployed responder would lack it and
  // fail every invocation with a SettingsError.
  expect(deployedEnvironment('rung', 'lambda', { endpoint: fake.url, stateTable: STATE_TABLE }).supplied).toEqual([]);
});


test('metric alarm: raises provisioned concurrency on the alias by the step (0 → 2) and applies it', async () => {
  const { record, ops, guardrails, result } = await invoke('rung', 'lambda', fixture('sns-metric-alarm.json'));
  expect(ops).toEqual([
    'lambda.GetProvisionedConcurrencyConfig',
    'lambda.GetFunctionConcurrency',
    'lambda.GetAccountSettings',
    'lambda.PutProvisionedConcurrencyConfig',
    'sqs.SendMessage',
  ]);
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
  expect(record.calls[0]).toMatchObject({ operation: 'GetProvisionedConcurrencyConfig', ok: false, error: expect.stringMatching(/^ProvisionedConcurrencyConfigNotFoundException/) });
  expect(record.escalation).toBeUndefined();
  expectVerificationScheduled(record);
  expect(result).toEqual({ records: [{ recordId: record.recordId, decision: 'applied', reasonCode: 'applied' }] });
  // The kill switch is read first, then the notification is claimed (idempotency) before anything else.
  expect(guardrails.slice(0, 2)).toEqual(['ssm.GetParameter', 'dynamodb.PutItem']);
  expect(fake.calls[0]).toMatchObject({ body: { Name: '/ar/mode' } });
});

test('a second delivery of the same notification is a duplicate: its own record, no second change', async () => {
  const first = await invoke('rung', 'lambda', fixture('sns-metric-alarm.json'));
  const again = await invoke('rung', 'lambda', fixture('sns-metric-alarm.json'), { stateTable: first.stateTable });
  expect(again.ops).toEqual([]);
  expect(again.record).toMatchObject({ source: 'sns', mode: 'enforce', decision: 'skipped', reasonCode: 'duplicate' });
  expect(again.record.alertKind).toBeUndefined();
  expect(again.record.reason).toContain(first.record.recordId);
});

test('kill switch "dry-run": the metric alarm is planned, nothing is changed', async () => {
  const state = emptyState();
  state.ssm.parameters['/ar/mode'] = 'dry-run';
  const { record, ops } = await invoke('rung', 'lambda', fixture('sns-metric-alarm.json'), { state });
  expect(ops).toEqual(['lambda.GetProvisionedConcurrencyConfig', 'lambda.GetFunctionConcurrency', 'lambda.GetAccountSettings']);
  expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned', alertKind: 'high-latency', target: { type: 'lambda', key: 'rung-api-prod' } });
  expect(record.actions).toMatchObject([{ remediation: 'raise-provisioned-concurrency', decision: 'planned', plan: { after: { provisionedConcurrency: 2 } } }]);
});

describe('metric-math alarm (hlekkr high-error-rate, no alias: the rollback does not apply)', () => {
  const event = () => fixture('sns-math-alarm.json');
  const target = { type: 'lambda', key: 'hlekkr-prod-media-upload' };

  test('with a reservation, raises reserved concurrency by the step and applies it', async () => {
    const { record, ops } = await invoke('hlekkr', 'lambda', event(), { state: withLambda('hlekkr-prod-media-upload', { reserved: 20 }) });
    expect(ops).toEqual(['lambda.GetFunctionConcurrency', 'lambda.GetAccountSettings', 'lambda.PutFunctionConcurrency', 'sqs.SendMessage']);
    const put = fake.calls.find((c) => c.operation === 'PutFunctionConcurrency');
    expect(put).toMatchObject({ method: 'PUT', path: '/2017-10-31/functions/hlekkr-prod-media-upload/concurrency', body: { ReservedConcurrentExecutions: 30 } });
    expect(put?.body).toEqual({ ReservedConcurrentExecutions: 30 });
    expect(record).toMatchObject({ mode: 'enforce', decision: 'applied', reasonCode: 'applied', alertKind: 'high-error-rate', target, alarm: { shape: 'metric-math' } });
    expect(record.actions).toMatchObject([{ remediation: 'raise-reserved-concurrency', decision: 'applied', after: { reservedConcurrency: 30 } }]);
    expectVerificationScheduled(record);
  });

  test('without one, changes nothing and escalates to people by SNS', async () => {
    const { record, ops } = await invoke('hlekkr', 'lambda', event());
    expect(ops).toEqual(['lambda.GetFunctionConcurrency', 'cloudwatch.GetMetricData', 'sns.Publish']);
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
  const { record, ops, result } = await invoke('ai-lifestyle-app', 'dynamodb', fixture('manual-dry-run.json'), { state });
  expect(ops).toEqual(['cloudwatch.DescribeAlarms', 'dynamodb.DescribeTable']);
  expect(ops.filter((o) => MUTATING.test(o))).toEqual([]);
  expect(fake.calls.find((c) => c.operation === 'DescribeAlarms')).toMatchObject({ body: { AlarmNames: [name] } });
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
  test('of a record not in the log: searches the remediation log group, records the skip, changes nothing', async () => {
    const { record, ops, result } = await invoke('rung', 'lambda', fixture('manual-undo.json'));
    expect(ops).toEqual(['logs.FilterLogEvents']);
    expect(fake.calls.find((c) => c.operation === 'FilterLogEvents')).toMatchObject({ body: { logGroupName: REMEDIATION_LOG_GROUP, filterPattern: '{ $.recordId = "3f1c9e2a-7b4d-4e8f-a6c5-1d2e3f4a5b6c" }' } });
    expect(record).toMatchObject({ source: 'manual', mode: 'dry-run', decision: 'skipped', reasonCode: 'undo', actions: [] });
    expect(record.reason).toMatch(/no record 3f1c9e2a-7b4d-4e8f-a6c5-1d2e3f4a5b6c/);
    expect(record.alertKind).toBeUndefined();
    expect(result).toEqual(record);
  });

  test('of the metric alarm\'s record: a dry run plans removing the provisioned concurrency, dryRun false removes it', async () => {
    const applied = (await invoke('rung', 'lambda', fixture('sns-metric-alarm.json'))).record;
    const raised = () => {
      const state = withLambda('rung-api-prod', { provisioned: { prod: 2 } });
      state.logs.messages.push(JSON.stringify(applied));
      return state;
    };
    const dry = await invoke('rung', 'lambda', { undo: applied.recordId }, { state: raised() });
    expect(dry.ops).toEqual(['logs.FilterLogEvents', 'lambda.GetProvisionedConcurrencyConfig']);
    expect(dry.record).toMatchObject({ source: 'manual', mode: 'dry-run', decision: 'planned', reasonCode: 'undo' });
    expect(dry.record.actions).toMatchObject([{ remediation: 'raise-provisioned-concurrency', resource: 'rung-api-prod:prod', decision: 'planned' }]);

    const done = await invoke('rung', 'lambda', { undo: applied.recordId, dryRun: false }, { state: raised() });
    // The handler also schedules a verification of the applied undo (sqs.SendMessage), which re-checks
    // the original alarm: left out here, as whether an undo should be "verified" is an open question.
    expect(done.ops.filter((o) => o !== 'sqs.SendMessage')).toEqual(['logs.FilterLogEvents', 'lambda.GetProvisionedConcurrencyConfig', 'lambda.DeleteProvisionedConcurrencyConfig']);
    expect(done.record).toMatchObject({ mode: 'enforce', decision: 'applied', reasonCode: 'undo' });
    expect(fake.state.lambda.functions['rung-api-prod']?.provisioned).toEqual({});
  });
});
