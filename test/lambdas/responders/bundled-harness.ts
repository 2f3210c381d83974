/** The bundled responders as deployed, and a cold start of one with the fake AWS: the harness of bundled-handler.test.ts. */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResponderFamily } from '../../../lib/catalogue';
import type { ResultRecord, Signed } from '../../../lambdas/core/record';
import { recordMacMessage } from '../../../lambdas/runtime/record-mac';
import { bundleDir, bundleResponder, type Bundle } from '../../helpers/bundle';
import { captureOutput, jsonLines } from '../../helpers/capture-output';
import {
  deployedEnvironment,
  functionNameFor,
  lambdaContext,
  loadBundle,
  REMEDIATION_LOG_GROUP,
  runtimeEnvironment,
} from '../../helpers/deployed-responder';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { startFakeAws, type FakeAws, type FakeCall, type FakeState } from '../../helpers/fake-aws';
import { emptyState } from '../../helpers/fake-aws-services';
import { hmac, RECORD_KEY_ARN } from '../../helpers/record-key';
import type { TimedCall } from '../../helpers/round-trips';

export const MAX_BUNDLE_BYTES = 1.5 * 1024 * 1024;
export const FAMILIES: readonly ResponderFamily[] = ['lambda', 'dynamodb'];
/** Calls that change AWS or page people. */
export const MUTATING = /^(lambda\.(Put|Update|Delete)|dynamodb\.(Update|Put|Delete)|sns\.Publish)/;

export const fixture = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'events', name), 'utf8'));

export const STATE_TABLE = 'ar-state';

export let fake: FakeAws;
let dynamo: LocalDynamo;
let dir: string;
export const bundles = new Map<ResponderFamily, Bundle>();

/** Bundles the families, starts the fake AWS and dynalite before the file's tests, and stops them after. */
export function useBundledResponders(families: readonly ResponderFamily[] = FAMILIES): void {
  beforeAll(async () => {
    // The guardrails' state table (idempotency, cooldown, lock, breaker) lives in dynalite; the
    // fake passes DynamoDB calls on it through, and fakes the rest.
    dynamo = await startDynalite(STATE_TABLE);
    fake = await startFakeAws(emptyState(), { dynamodb: { url: dynamo.url, owns: (t) => t.startsWith(STATE_TABLE) } });
    dir = bundleDir('handler');
    await Promise.all(families.map(async (f) => bundles.set(f, await bundleResponder(f, path.join(dir, f)))));
  });

  afterAll(async () => {
    // The fake passes calls through to dynalite: it closes first, once its requests are answered.
    await fake?.close();
    await dynamo?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

interface Run {
  readonly result: unknown;
  readonly record: Signed<ResultRecord>;
  /** AWS calls before the record was written, besides the guardrails' and signing the record. */
  readonly ops: string[];
  /** The guardrails' calls: the kill switch (SSM) and the state table (DynamoDB, in dynalite). */
  readonly guardrails: string[];
  /** What the bundle logged and published as metrics (Powertools' JSON lines). */
  readonly logs: Record<string, unknown>[];
}

interface InvokeOptions {
  readonly state?: FakeState;
  /** Reuse a state table (a later delivery meets what an earlier one stored). @default a new one */
  readonly stateTable?: string;
  /** Variables to set or replace in the construct's environment (another configuration's targets). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The table a call names: its TableName, or the table of a batch read (the ladder's histories). */
const tableOf = (c: FakeCall) => String(c.body.TableName ?? Object.keys((c.body.RequestItems as object | undefined) ?? {})[0] ?? '');
const isGuardrailCall = (c: FakeCall) => c.service === 'ssm' || (c.service === 'dynamodb' && tableOf(c).startsWith(STATE_TABLE));

/** A cold start of `system`'s `family` responder, one invocation, and the one record it wrote. */
export async function invoke(system: string, family: ResponderFamily, event: unknown, options: InvokeOptions = {}): Promise<Run & { stateTable: string }> {
  const bundle = bundles.get(family);
  if (!bundle) throw new Error(`${family} was not bundled`);
  fake.reset(options.state ?? emptyState());
  const functionName = functionNameFor(system, family);
  // By default a state table of its own: guardrail state of one scenario must not meet another's.
  const stateTable = options.stateTable ?? (await dynamo.newTable());
  const env = { ...deployedEnvironment(system, family, { endpoint: fake.url, stateTable }).env, ...options.env, ...runtimeEnvironment(fake.url, functionName) };
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
  const [record] = fake.logEvents() as Signed<ResultRecord>[];
  expect(record).toMatchObject({ recordVersion: 1, responder: { system, family } });
  const logs = jsonLines(out.lines);
  expectSigned(record, logs);
  // One Notifications metric (EMF on stdout) per record, by decision and kind.
  expect(logs.filter((l) => 'Notifications' in l)).toEqual([
    expect.objectContaining({ Notifications: 1, decision: record.decision, kind: record.alertKind ?? 'none', service: `alert-responder-${system}-${family}` }),
  ]);
  const before = fake.calls.slice(0, -2);
  const name = (c: FakeCall) => `${c.service}.${c.operation}`;
  const ops_ = before.filter((c) => !isGuardrailCall(c) && c.service !== 'kms').map(name);
  return { result, record, stateTable, logs, ops: ops_, guardrails: before.filter(isGuardrailCall).map(name) };
}

/**
 * Every record is signed once, with the record key, over what was written (the MAC is checked
 * here with the test key); with KMS refusing it is written all the same, unsigned, saying why, and
 * counted: the only error the bundle may log then.
 */
function expectSigned(record: Signed<ResultRecord>, logs: readonly Record<string, unknown>[]): void {
  const errors = logs.filter((l) => l.level === 'ERROR');
  const signing = fake.operations().filter((o) => o.startsWith('kms.'));
  const refused = fake.state.kms.refuse;
  if (refused) {
    expect(record.integrity).toEqual({ unsigned: expect.stringMatching(new RegExp(`^KMS GenerateMac with alias/ar-alert-responder-records failed: ${refused}`)) });
    expect(errors.map((e) => e.message)).toEqual(['Could not sign the record; it is written unsigned']);
    expect(logs.filter((l) => 'UnsignedRecords' in l)).toEqual([expect.objectContaining({ UnsignedRecords: 1 })]);
    expect(signing).toEqual(['kms.GenerateMac']);
    return;
  }
  expect(errors).toEqual([]);
  expect(signing).toEqual(['kms.GenerateMac']);
  const signedWith = fake.calls.find((c) => c.service === 'kms');
  expect(signedWith?.body).toMatchObject({ KeyId: 'alias/ar-alert-responder-records', MacAlgorithm: 'HMAC_SHA_256' });
  expect(record.integrity).toEqual({ alg: 'HMAC_SHA_256', keyId: RECORD_KEY_ARN, mac: Buffer.from(hmac(recordMacMessage(record))).toString('base64') });
}

/**
 * The last invocation's requests to the state table and its other AWS calls (the kill switch, the
 * remediation log and the escalation aside), timed, for counting round trips.
 */
export function stateTableCalls(): { state: TimedCall[]; other: TimedCall[] } {
  const timed = (c: FakeCall): TimedCall => {
    const body = c.body as { Key?: { id?: { S?: string } }; Item?: { id?: { S?: string } } };
    return { operation: c.operation, key: body.Key?.id?.S ?? body.Item?.id?.S ?? '', startedAt: c.startedAt, endedAt: c.endedAt ?? c.startedAt, failedCondition: c.error === 'ConditionalCheckFailedException' };
  };
  const state = fake.calls.filter((c) => c.service === 'dynamodb' && tableOf(c).startsWith(STATE_TABLE));
  const other = fake.calls.filter((c) => c.service !== 'dynamodb' && c.service !== 'ssm' && c.service !== 'logs' && c.service !== 'sns');
  return { state: state.map(timed), other: other.map(timed) };
}

export const withLambda = (name: string, fn: { reserved?: number; provisioned?: Record<string, number> }): FakeState => {
  const s = emptyState();
  s.lambda.functions[name] = { provisioned: {}, ...fn };
  return s;
};

export function expectVerificationScheduled(record: ResultRecord): void {
  expect(record.verification).toMatchObject({ scheduled: true, afterSeconds: 600 });
  expect(fake.state.sqs.messages).toHaveLength(1);
  const [message] = fake.state.sqs.messages;
  expect(message.delaySeconds).toBe(600);
  expect(JSON.parse(message.body)).toMatchObject({ recordId: record.recordId, alarmName: record.alarm?.name });
}
