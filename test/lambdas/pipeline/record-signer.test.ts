/**
 * Item 10: every record is signed with the record key (KMS GenerateMac over the SHA-256 digest of
 * its canonical JSON without `integrity`), the signature survives the trip through the log, a KMS
 * failure never loses the record, and the applied item keeps the MAC for undo.
 */
import { canonicalJson } from '../../../lambdas/core/canonical-json';
import type { ResultRecord } from '../../../lambdas/core/record';
import type { AppliedItems, AppliedRecord } from '../../../lambdas/guardrails/applied-items';
import { finalWrites } from '../../../lambdas/pipeline/final-writes';
import { kmsRecordSigner } from '../../../lambdas/pipeline/record-signer';
import { recordJson } from '../../../lambdas/pipeline/record-writer';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { metrics } from '../../../lambdas/runtime/powertools';
import { recordMacMessage } from '../../../lambdas/runtime/record-mac';
import { resetAllClients, sentCommands } from '../../helpers/all-clients-mock';
import { hmac, RECORD_KEY_ALIAS, RECORD_KEY_ARN } from '../../helpers/record-key';

const record = (extra: Partial<ResultRecord> = {}): ResultRecord => ({
  recordVersion: 1,
  recordType: 'notification',
  recordId: '6f1d2c3b-4a59-4e8d-9c7b-1a2b3c4d5e6f',
  time: '2026-11-23T03:13:45.123Z',
  responder: { system: 'rung', family: 'lambda' },
  source: 'sns',
  mode: 'enforce',
  decision: 'applied',
  reasonCode: 'applied',
  // A bidi override and a line separator: the writer escapes them, the parsed record is the same.
  reason: 'rung-api-prod:prod: provisioned concurrency 0 -> 2 \u202e\u2028',
  actions: [
    { remediation: 'raise-provisioned-concurrency', targetKey: 'rung-api-prod', resource: 'rung-api-prod:prod', decision: 'applied', reason: '0 -> 2', guarded: false, before: { provisionedConcurrency: 0 }, after: { provisionedConcurrency: 2 }, plan: { params: { to: 2 } } },
  ],
  before: { 'rung-api-prod:prod': { provisionedConcurrency: 0 } },
  after: { 'rung-api-prod:prod': { provisionedConcurrency: 2 } },
  calls: [],
  durationMs: 812,
  ...extra,
});

const macOf = (r: object) => Buffer.from(hmac(recordMacMessage(r))).toString('base64');
const generateMacs = () => sentCommands().filter((c) => c.service === 'kms' && c.operation === 'GenerateMac');

let addMetric: jest.SpyInstance;
beforeEach(() => {
  retryPolicy.baseDelayMs = 0;
  resetAllClients();
  addMetric = jest.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);
});
afterEach(() => jest.restoreAllMocks());

describe('canonicalJson', () => {
  it('gives one text whatever order the keys were written in, at every depth, without undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(canonicalJson({ a: { d: [2, { e: 0, f: 1 }] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }] } }));
  });
});

describe('kmsRecordSigner', () => {
  const sign = kmsRecordSigner(RECORD_KEY_ALIAS);

  it('signs with one GenerateMac, by the key alias, of the 32-byte digest; the MAC verifies from the record as the log holds it', async () => {
    const signed = await sign(record());
    expect(generateMacs()).toEqual([{ service: 'kms', operation: 'GenerateMac', input: { KeyId: RECORD_KEY_ALIAS, MacAlgorithm: 'HMAC_SHA_256', Message: expect.any(Uint8Array) } }]);
    expect((generateMacs()[0]?.input as { Message: Uint8Array }).Message).toHaveLength(32);
    expect(signed.integrity).toEqual({ alg: 'HMAC_SHA_256', keyId: RECORD_KEY_ARN, mac: macOf(record()) });
    // What verify-records reads: the escaped JSON line, parsed, its keys in another order.
    const logged = JSON.parse(recordJson(signed)) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(logged).reverse());
    expect(macOf(reordered)).toBe('mac' in signed.integrity ? signed.integrity.mac : '');
    // Any field changed gives another MAC.
    expect(macOf({ ...logged, decision: 'skipped' })).not.toBe(macOf(logged));
  });

  it('signs a record far over GenerateMac’s 4,096-byte message limit', async () => {
    const big = record({ reason: 'x'.repeat(20_000) });
    await expect(sign(big)).resolves.toMatchObject({ integrity: { mac: macOf(big) } });
  });

  it.each([
    ['KMS throttling past the retries', 'ThrottlingException', 4],
    ['KMS failing', 'KMSInternalException', 4],
    ['the key policy refusing the role', 'AccessDeniedException', 1],
  ])('%s: the record comes back unsigned, saying why, counted, never thrown', async (_what, name, attempts) => {
    resetAllClients((c) => {
      if (c.service === 'kms') throw Object.assign(new Error('no (test)'), { name, $metadata: { httpStatusCode: name === 'AccessDeniedException' ? 400 : 500 } });
      return {};
    });
    const signed = await sign(record());
    expect(signed).toEqual({ ...record(), integrity: { unsigned: `KMS GenerateMac with ${RECORD_KEY_ALIAS} failed: ${name}: no (test)` } });
    expect(generateMacs()).toHaveLength(attempts);
    expect(addMetric).toHaveBeenCalledWith('UnsignedRecords', 'Count', 1);
  });
});

describe('finalWrites', () => {
  const sign = kmsRecordSigner(RECORD_KEY_ALIAS);
  const items = (fail = false) => {
    const written: AppliedRecord[] = [];
    const applied: AppliedItems = {
      async write(r) {
        if (fail) throw new Error('table gone');
        written.push(r);
      },
      read: async () => undefined,
    };
    return { written, applied };
  };

  it('stores the MAC of the record it returns in the applied item, so undo can name the signed record', async () => {
    const { written, applied } = items();
    const signed = await finalWrites(record(), { settles: [], applying: { alertKind: 'high-latency' } }, applied, sign);
    expect(written).toHaveLength(1);
    expect(written[0]?.integrity).toEqual(signed.integrity);
    expect(signed.integrity).toMatchObject({ mac: macOf(record()) });
    expect(generateMacs()).toHaveLength(1);
  });

  it('signs while the writes run where no applied item needs the MAC', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const done = finalWrites(record({ decision: 'skipped' }), { settles: [() => held] }, undefined, sign);
    // The release is still pending, and the record is already being signed.
    await new Promise((resolve) => setImmediate(resolve));
    expect(generateMacs()).toHaveLength(1);
    release();
    await expect(done).resolves.toMatchObject({ integrity: { mac: macOf(record({ decision: 'skipped' })) } });
  });

  it('signs again the record a failed write changed: the MAC covers the reason that says so', async () => {
    const { applied } = items(true);
    const signed = await finalWrites(record(), { settles: [], applying: {} }, applied, sign);
    expect(signed.reason).toContain('state table: could not store the applied actions for undo (Error: table gone)');
    const { integrity, ...rest } = signed;
    expect(integrity).toEqual({ alg: 'HMAC_SHA_256', keyId: RECORD_KEY_ARN, mac: macOf(rest) });
    expect(generateMacs()).toHaveLength(2);
  });
});
