/**
 * The bundled handler as deployed: each responder family is bundled with the construct's esbuild
 * options, loaded by Node's own require with the environment the construct sets (from the default
 * configuration), and invoked in-process against each fixture shape. Every AWS call goes to a fake
 * endpoint on 127.0.0.1, which records them; the result record is read back from PutLogEvents.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResponderFamily } from '../../../lib/catalogue';
import type { ResultRecord } from '../../../lambdas/core/record';
import { bundleDir, bundleResponder, type Bundle } from '../../helpers/bundle';
import { captureOutput, jsonLines } from '../../helpers/capture-output';
import {
  deployedEnvironment,
  ESCALATION_TOPIC_ARN,
  functionNameFor,
  lambdaContext,
  loadBundle,
  REMEDIATION_LOG_GROUP,
  runtimeEnvironment,
} from '../../helpers/deployed-responder';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { startFakeAws, type FakeAws, type FakeCall, type FakeState } from '../../helpers/fake-aws';
import { emptyState } from '../../helpers/fake-aws-services';

const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
const FAMILIES: readonly ResponderFamily[] = ['lambda', 'dynamodb'];
/** Calls that change AWS or page people. */
const MUTATING = /^(lambda\.(Put|Update|Delete)|dynamodb\.(Update|Put|Delete)|sns\.Publish)/;

const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'events', name), 'utf8'));

const STATE_TABLE = 'ar-state';

let fake: FakeAws;
let dynamo: LocalDynamo;
let dir: string;
const bundles = new Map<ResponderFamily, Bundle>();

beforeAll(async () => {
  // The guardrails' state table (idempotency, cooldown, lock, breaker) lives in dynalite; the
  // fake passes DynamoDB calls on it through, and fakes the rest.
  dynamo = await startDynalite(STATE_TABLE);
  fake = await startFakeAws(emptyState(), { dynamodb: { url: dynamo.url, owns: (t) => t.startsWith(STATE_TABLE) } });
  dir = bundleDir('handler');
  await Promise.all(FAMILIES.map(async (f) => bundles.set(f, await bundleResponder(f, path.join(dir, f)))));
});

afterAll(async () => {
  // The fake passes calls through to dynalite: it closes first, once its requests are answered.
  await fake?.close();
  await dynamo?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  readonly result: unknown;
  readonly record: ResultRecord;
  /** AWS calls before the record was written, besides the guardrails'. */
  readonly ops: string[];
  /** The guardrails' calls: the kill switch (SSM) and the state table (DynamoDB, in dynalite). */
  readonly guardrails: string[];
}

interface InvokeOptions {
  readonly state?: FakeState;
  /** Reuse a state table (a later delivery meets what an earlier one stored). @default a new one */
  readonly stateTable?: string;
}

const isGuardrailCall = (c: FakeCall) => c.service === 'ssm' || (c.service === 'dynamodb' && String(c.body.TableName ?? '').startsWith(STATE_TABLE));

/** A cold start of `system`'s `family` responder, one invocation, and the one record it wrote. */
async function invoke(system: string, family: ResponderFamily, event: unknown, options: InvokeOptions = {}): Promise<Run & { stateTable: string }> {
  const bundle = bundles.get(family);
  if (!bundle) throw new Error(`${family} was not bundled`);
  fake.reset(options.state ?? emptyState());
  const functionName = functionNameFor(system, family);
  // By default a state table of its own: guardrail state of one scenario must not meet another's.
  const stateTable = options.stateTable ?? (await dynamo.newTable());
  const env = { ...deployedEnvironment(system, family, { endpoint: fake.url, stateTable }).env, ...runtimeEnvironment(fake.url, functionName) };
  const { handler, restore } = loadBundle(bundle.file, env);
  const out = captureOutput();
  let result: unknown;
  try {
    result = await handler(event, lambdaContext(functionName, randomUUID()));
  } catch (err) {
    // Without the bundle's stack: Jest would print a frame of a minified line, hundreds of kB long.
    throw new Error(`the bundled ${family} handler threw: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  } finally {
    out.stop();
    restore();
  }
  const ops = fake.operations();
  // The record is written last, into a stream of this (cold) container's own.
  expect(ops.filter((o) => /^logs\.(CreateLogStream|PutLogEvents)$/.test(o))).toEqual(['logs.CreateLogStream', 'logs.PutLogEvents']);
  expect(ops.slice(-2)).toEqual(['logs.CreateLogStream', 'logs.PutLogEvents']);
  const put = fake.calls.find((c) => c.operation === 'PutLogEvents');
  expect(put?.body).toMatchObject({ logGroupName: REMEDIATION_LOG_GROUP, logStreamName: expect.stringContaining(`/${family}/`) });
  const [record] = fake.logEvents() as ResultRecord[];
  expect(record).toMatchObject({ recordVersion: 1, responder: { system, family } });
  const logs = jsonLines(out.lines);
  expect(logs.filter((l) => l.level === 'ERROR')).toEqual([]);
  // One Notifications metric (EMF on stdout) per record, by decision and kind.
  expect(logs.filter((l) => 'Notifications' in l)).toEqual([
    expect.objectContaining({ Notifications: 1, decision: record.decision, kind: record.alertKind ?? 'none', service: `alert-responder-${system}-${family}` }),
  ]);
  const before = fake.calls.slice(0, -2);
  const name = (c: FakeCall) => `${c.service}.${c.operation}`;
  return { result, record, stateTable, ops: before.filter((c) => !isGuardrailCall(c)).map(name), guardrails: before.filter(isGuardrailCall).map(name) };
}

const withLambda = (name: string, fn: { reserved?: number; provisioned?: Record<string, number> }): FakeState => {
  const s = emptyState();
  s.lambda.functions[name] = { provisioned: {}, ...fn };
  return s;
};

test('the bundles stay under 1.5 MB', () => {
  for (const family of FAMILIES) expect(bundles.get(family)?.bytes).toBeLessThan(MAX_BUNDLE_BYTES);
});

test('the construct sets every variable the handler reads (the tests add none)', () => {
  // Anything listed was filled in by deployedEnvironment: a deployed responder would lack it and
  // fail every invocation with a SettingsError.
  expect(deployedEnvironment('rung', 'lambda', { endpoint: fake.url, stateTable: STATE_TABLE }).supplied).toEqual([]);
});

/** An applied action is re-checked later: one delayed message on the verification queue. */
function expectVerificationScheduled(record: ResultRecord): void {
  expect(record.verification).toMatchObject({ scheduled: true, afterSeconds: 600 });
  expect(fake.state.sqs.messages).toHaveLength(1);
  const [message] = fake.state.sqs.messages;
  expect(message.delaySeconds).toBe(600);
  expect(JSON.parse(message.body)).toMatchObject({ recordId: record.recordId, alarmName: record.alarm?.name });
}

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
