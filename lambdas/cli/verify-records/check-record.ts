import { integritySchema } from '../../core/integrity-schema';
import { int, object, oneOf, str } from '../../core/params';
import { recordMacMessage } from '../../runtime/record-mac';

/** One line of the remediation log, where it was found. */
export interface LogLine {
  readonly message: string;
  readonly stream: string;
  /** When CloudWatch Logs says it was written (epoch ms). */
  readonly timestamp: number;
}

/** VerifyMac with the deployment's record key: the key's ARN when the MAC holds, `invalid` when it does not (KMSInvalidMacException). */
export type VerifyMac = (message: Uint8Array, mac: Uint8Array) => Promise<{ readonly valid: true; readonly keyId: string } | { readonly valid: false }>;

/** What verify-records makes of one line. */
export type Finding = LogLine & { readonly recordId?: string } & (
    | { readonly kind: 'verified' }
    /** The MAC does not match the record: altered after it was signed, or never signed with the key. */
    | { readonly kind: 'forged'; readonly why: string }
    /** A record that cannot be verified as written: no or malformed `integrity`, another key. */
    | { readonly kind: 'invalid'; readonly why: string }
    /** Written unsigned, saying why (KMS failed when it was written). */
    | { readonly kind: 'unsigned'; readonly why: string }
    /** Not a record at all: something else was written to the log group. */
    | { readonly kind: 'not-a-record'; readonly why: string }
  );

const recordHead = object({ recordVersion: int(1), recordType: oneOf('notification', 'undo', 'approval', 'verification'), recordId: str() });
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Checks one line: a record of this deployment carries `integrity` whose MAC, recomputed from the
 * record as written (lambdas/runtime/record-mac.ts), VerifyMac accepts with the deployment's key,
 * and names that key. Errors other than a MAC that does not match (credentials, access, KMS down)
 * are thrown: the caller stops or counts the line unchecked.
 */
export async function checkLine(line: LogLine, verifyMac: VerifyMac): Promise<Finding> {
  const value = parseJson(line.message);
  const head = recordHead.read(value, 'record');
  if (!head.ok || typeof value !== 'object' || value === null) {
    const why = value === undefined ? 'not JSON' : `${head.ok ? 'record' : head.path} must be ${head.ok ? 'an object' : head.expected}`;
    return { ...line, kind: 'not-a-record', why };
  }
  const at = { ...line, recordId: head.value.recordId };
  const integrity = (value as { integrity?: unknown }).integrity;
  if (integrity === undefined) return { ...at, kind: 'invalid', why: 'no integrity: written before records were signed, or not by a responder' };
  const read = integritySchema.read(integrity, 'integrity');
  if (!read.ok) return { ...at, kind: 'invalid', why: `${read.path} must be ${read.expected}, got ${JSON.stringify(read.received) ?? 'nothing'}` };
  const seal = read.value;
  if ('unsigned' in seal) return { ...at, kind: 'unsigned', why: seal.unsigned };
  if (!BASE64.test(seal.mac)) return { ...at, kind: 'invalid', why: 'integrity.mac is not base64' };
  const result = await verifyMac(recordMacMessage(value), Buffer.from(seal.mac, 'base64'));
  if (!result.valid) return { ...at, kind: 'forged', why: 'the MAC does not match the record: changed after it was signed, or not signed with the record key' };
  if (result.keyId !== seal.keyId) return { ...at, kind: 'invalid', why: `names key ${seal.keyId}, but was verified with the record key ${result.keyId}` };
  return { ...at, kind: 'verified' };
}
