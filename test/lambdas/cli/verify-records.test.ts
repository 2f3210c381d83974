/**
 * Item 10: `verify-records` reads the remediation log page by page and checks each record's MAC
 * with KMS VerifyMac (here the test record key, computing real HMACs), exiting non-zero on any
 * forged or invalid record. Records are signed as the responders sign them (kmsRecordSigner).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { KMSClient, VerifyMacCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import type { ResultRecord } from '../../../lambdas/core/record';
import { parseSince } from '../../../lambdas/cli/verify-records/since';
import { verifyRecords, type VerifyRecordsOptions } from '../../../lambdas/cli/verify-records/verify-records';
import { kmsRecordSigner } from '../../../lambdas/pipeline/record-signer';
import { recordJson, type WrittenRecord } from '../../../lambdas/pipeline/record-writer';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { metrics } from '../../../lambdas/runtime/powertools';
import { RECORD_KEY_ALIAS, useRecordKey } from '../../helpers/record-key';

const logs = mockClient(CloudWatchLogsClient);
const kms = mockClient(KMSClient);
const GROUP = '/alert-responder/ar/remediations';
const UNTIL = new Date('2026-12-03T12:00:00.000Z');
const OPTIONS: VerifyRecordsOptions = { logGroupName: GROUP, since: new Date('2026-12-02T12:00:00.000Z'), until: UNTIL, keyId: RECORD_KEY_ALIAS };
const clients = () => ({ logs: new CloudWatchLogsClient({ region: 'us-east-1' }), kms: new KMSClient({ region: 'us-east-1' }) });

const record = (n: number, extra: Partial<ResultRecord> = {}): ResultRecord => ({
  recordVersion: 1,
  recordType: 'notification',
  recordId: `00000000-0000-4000-8000-00000000000${n}`,
  time: '2026-12-03T10:00:00.000Z',
  responder: { system: 'rung', family: 'lambda' },
  source: 'sns',
  mode: 'enforce',
  decision: 'skipped',
  reasonCode: 'resolved',
  reason: 'alarm returned to OK: incident resolved, nothing to do',
  actions: [],
  before: {},
  after: {},
  calls: [],
  durationMs: 12,
  ...extra,
});
const signed = (n: number) => kmsRecordSigner(RECORD_KEY_ALIAS)(record(n));

/** The log as FilterLogEvents pages it: each page a list of messages, every page but the last with a next token. */
function logOf(...pages: string[][]): void {
  logs.on(FilterLogEventsCommand).callsFake(async (input: { nextToken?: string }): Promise<Partial<FilterLogEventsCommandOutput>> => {
    const i = input.nextToken === undefined ? 0 : Number(input.nextToken);
    const events = (pages[i] ?? []).map((message, j) => ({ message, logStreamName: `2026/12/03/lambda/stream-${i}`, timestamp: Date.parse('2026-12-03T10:00:00Z') + j }));
    return { events, nextToken: i + 1 < pages.length ? String(i + 1) : undefined };
  });
}
/** A line as the responders write it (escaped, recordJson), or as anyone else might. */
const json = (r: WrittenRecord): string => recordJson(r);
const raw = (r: object): string => JSON.stringify(r);

beforeEach(() => {
  logs.reset();
  useRecordKey(kms);
  retryPolicy.baseDelayMs = 0;
  jest.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);
});
afterEach(() => jest.restoreAllMocks());

test('valid records across pages are verified, each with VerifyMac by the deployment’s key, and the window is the one asked', async () => {
  logOf([json(await signed(1)), json(await signed(2))], [json(await signed(3))]);
  const result = await verifyRecords(OPTIONS, clients());
  expect(result.exitCode).toBe(0);
  expect(result.findings.map((f) => f.kind)).toEqual(['verified', 'verified', 'verified']);
  expect(logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input)).toEqual([
    { logGroupName: GROUP, startTime: OPTIONS.since.getTime(), endTime: UNTIL.getTime(), nextToken: undefined, limit: 10_000 },
    { logGroupName: GROUP, startTime: OPTIONS.since.getTime(), endTime: UNTIL.getTime(), nextToken: '1', limit: 9_998 },
  ]);
  expect(kms.commandCalls(VerifyMacCommand).map((c) => c.args[0].input)).toEqual(
    Array.from({ length: 3 }, () => ({ KeyId: RECORD_KEY_ALIAS, MacAlgorithm: 'HMAC_SHA_256', Message: expect.any(Uint8Array), Mac: expect.any(Uint8Array) })),
  );
  expect(result.text).toContain('3 lines: 3 verified, 0 forged, 0 invalid, 0 unsigned, 0 not records, 0 unchecked');
});

test('a forged record, an altered field, a record without integrity and one naming another key fail the check: exit 1, each listed with its stream and time', async () => {
  const genuine = await signed(1);
  const altered = { ...(await signed(2)), decision: 'applied' };
  const forged = { ...record(3), integrity: { alg: 'HMAC_SHA_256', keyId: 'arn:aws:kms:us-east-1:123456789012:key/k', mac: Buffer.alloc(32, 7).toString('base64') } };
  const bare = record(4);
  const other = await signed(5);
  const renamed = { ...other, integrity: { ...other.integrity, keyId: 'arn:aws:kms:us-east-1:999999999999:key/theirs' } };
  logOf([json(genuine), raw(altered), raw(forged), raw(bare), raw(renamed)]);
  const result = await verifyRecords(OPTIONS, clients());
  expect(result.exitCode).toBe(1);
  expect(result.findings.map((f) => [f.recordId?.slice(-1), f.kind])).toEqual([['1', 'verified'], ['2', 'forged'], ['3', 'forged'], ['4', 'invalid'], ['5', 'invalid']]);
  expect(result.text).toMatch(/^FORGED {7}2026-12-03T10:00:00\.001Z {2}2026\/12\/03\/lambda\/stream-0 {2}record 0+-0+-4000-8000-0+2: the MAC does not match the record/m);
  expect(result.text).toMatch(/^INVALID .*record .*4: no integrity/m);
  expect(result.text).toMatch(/^INVALID .*record .*5: names key arn:aws:kms:us-east-1:999999999999:key\/theirs, but was verified with the record key arn:aws:kms/m);
  expect(result.text).toContain('FAILED: 2 forged, 2 invalid.');
});

test('unsigned records are listed with their reasons and pass, unless --strict; lines that are no record are listed too', async () => {
  const unsigned = { ...record(1), integrity: { unsigned: 'KMS GenerateMac with alias/ar-alert-responder-records failed: ThrottlingException: slow down' } };
  logOf([json(unsigned), 'START RequestId: 1234', JSON.stringify({ recordVersion: 1, recordType: 'notification' })]);
  const lenient = await verifyRecords(OPTIONS, clients());
  expect(lenient.exitCode).toBe(0);
  expect(lenient.findings.map((f) => f.kind)).toEqual(['unsigned', 'not-a-record', 'not-a-record']);
  expect(lenient.text).toMatch(/^UNSIGNED .*: KMS GenerateMac with alias\/ar-alert-responder-records failed: ThrottlingException: slow down$/m);
  expect(lenient.text).toMatch(/^NOT A RECORD .*: not JSON$/m);
  expect(lenient.text).toMatch(/^NOT A RECORD .*: record\.recordId must be a non-empty string$/m);
  expect(kms.commandCalls(VerifyMacCommand)).toHaveLength(0);
  expect((await verifyRecords({ ...OPTIONS, strict: true }, clients())).exitCode).toBe(1);
});

test('the read is bounded: past --max-lines it stops and says the check is incomplete (exit 3)', async () => {
  logOf([json(await signed(1)), json(await signed(2))], [json(await signed(3))]);
  const result = await verifyRecords({ ...OPTIONS, maxLines: 2 }, clients());
  expect(result.exitCode).toBe(3);
  expect(logs.commandCalls(FilterLogEventsCommand)).toHaveLength(1);
  expect(result.text).toContain('Stopped after 2 lines (1 pages)');
});

test('a line KMS could not check (throttled past the SDK’s retries) makes the check incomplete, not passed', async () => {
  logOf([json(await signed(1))]);
  kms.on(VerifyMacCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
  const result = await verifyRecords(OPTIONS, clients());
  expect(result.exitCode).toBe(3);
  expect(result.text).toMatch(/^UNCHECKED .*: ThrottlingException: slow down$/m);
});

test.each([
  ['missing credentials', 'logs', Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), /^No AWS credentials found: set AWS_PROFILE/m],
  ['no access to the key', 'kms', Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }), /Access denied .* attach the <prefix>-verify-records managed policy/],
  ['no such log group', 'logs', Object.assign(new Error('The specified log group does not exist.'), { name: 'ResourceNotFoundException' }), /^No log group \/alert-responder\/ar\/remediations in this account and region/m],
])('%s is reported as such, exit 2', async (_what, where, error, message) => {
  logOf([json(await signed(1))]);
  if (where === 'logs') logs.on(FilterLogEventsCommand).rejects(error);
  else kms.on(VerifyMacCommand).rejects(error);
  const result = await verifyRecords(OPTIONS, clients());
  expect(result).toMatchObject({ exitCode: 2, findings: [] });
  expect(result.text).toMatch(message);
});

test('--since takes a duration back from now or a past ISO time', () => {
  expect(parseSince('24h', UNTIL)).toEqual(new Date('2026-12-02T12:00:00.000Z'));
  expect(parseSince('90m', UNTIL)).toEqual(new Date('2026-12-03T10:30:00.000Z'));
  expect(parseSince('2026-12-01T00:00:00Z', UNTIL)).toEqual(new Date('2026-12-01T00:00:00Z'));
  expect(['3x', '2027-01-01T00:00:00Z', 'yesterday'].map((t) => parseSince(t, UNTIL))).toEqual([undefined, undefined, undefined]);
});

test('the command prints its help, and names every problem of its arguments before touching AWS (exit 2)', async () => {
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', '..', '..', 'bin', 'verify-records.ts'), ...args], { env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_PROFILE: '' } }).then(
      (out) => ({ code: 0, ...out }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
  const [help, bad] = await Promise.all([run('--help'), run('--log-group', '/elsewhere', '--since', 'soon')]);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^usage: npm run verify-records -- --log-group NAME --since/);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--since must be a duration (90m, 24h, 7d) or a past ISO time, got soon');
  expect(bad.stderr).toContain('/elsewhere is not named /alert-responder/<prefix>/remediations: pass --key');
});
