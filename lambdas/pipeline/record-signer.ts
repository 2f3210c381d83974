import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { GenerateMacCommand } from '@aws-sdk/client-kms';
import { UNSIGNED_RECORDS_METRIC } from '../../lib/catalogue';
import type { RecordIntegrity, ResultRecord, Signed, VerificationRecord } from '../core/record';
import { awsCall, describeError } from '../runtime/aws-call';
import { kmsClient } from '../runtime/clients/kms';
import { logger, metrics } from '../runtime/powertools';
import { RECORD_MAC_ALGORITHM, recordMacMessage } from '../runtime/record-mac';

/** Gives a finished record its `integrity`: a MAC, or why there is none. Never throws. */
export type SignRecord = <R extends ResultRecord | VerificationRecord>(record: R) => Promise<Signed<R>>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Signs with KMS GenerateMac (one call per record; the key is the deployment's record key, by its
 * alias). KMS unavailable, throttled past the retries or refusing: the record is still written,
 * `integrity.unsigned` says why, and UnsignedRecords counts it (an alarm on it tells people).
 */
export function kmsRecordSigner(keyId: string): SignRecord {
  return async (record) => {
    let integrity: RecordIntegrity;
    try {
      const out = await awsCall([], 'kms', 'GenerateMac', () =>
        kmsClient().send(new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: RECORD_MAC_ALGORITHM, Message: recordMacMessage(record) })),
        // An HMAC changes nothing and is the same every time: safe to repeat.
        { mutating: false, idempotent: true },
      );
      if (!out.Mac || !out.KeyId) throw new Error('GenerateMac answered without a MAC or key id');
      integrity = { alg: RECORD_MAC_ALGORITHM, keyId: out.KeyId, mac: base64(out.Mac) };
    } catch (err) {
      integrity = { unsigned: `KMS GenerateMac with ${keyId} failed: ${describeError(err)}` };
      logger.error('Could not sign the record; it is written unsigned', { recordId: record.recordId, reason: integrity.unsigned });
      metrics.addMetric(UNSIGNED_RECORDS_METRIC, MetricUnit.Count, 1);
    }
    return { ...record, integrity };
  };
}

/** For runs that hold no signing key (the local dry run): every record says so. */
export function unsignedRecords(reason: string): SignRecord {
  return async (record) => ({ ...record, integrity: { unsigned: reason } });
}

/** What a run given no signer writes (tests of the decisions, and runs outside a responder). */
export const NOT_SIGNED: SignRecord = unsignedRecords('not signed: this run was given no record key');
