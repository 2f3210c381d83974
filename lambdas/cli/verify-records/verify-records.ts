import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { VerifyMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describeError } from '../../runtime/aws-call';
import { RECORD_MAC_ALGORITHM } from '../../runtime/record-mac';
import { checkLine, type Finding, type LogLine, type VerifyMac } from './check-record';
import { readLog } from './read-log';

export interface VerifyRecordsOptions {
  readonly logGroupName: string;
  readonly since: Date;
  readonly until: Date;
  /** The deployment's record key (its alias, or its ARN): every MAC is checked with it, whatever key a record names. */
  readonly keyId: string;
  /** @default 10,000 */
  readonly maxLines?: number;
  /** Count unsigned records as failures too. @default false */
  readonly strict?: boolean;
}

export interface VerifyRecordsClients {
  readonly logs: CloudWatchLogsClient;
  readonly kms: KMSClient;
}

/** 0 every record verified (unsigned ones listed); 1 forged or invalid ones; 2 could not check (credentials, access, region, no such log or key); 3 incomplete. */
export type ExitCode = 0 | 1 | 2 | 3;

export interface VerifyRecordsResult {
  readonly exitCode: ExitCode;
  readonly text: string;
  readonly findings: readonly Finding[];
}

const MAX_PAGES = 2_000;
/** VerifyMac calls at once: well under KMS's request quota, and a day of records in seconds. */
const CONCURRENCY = 8;
/** Lines listed per kind of finding (the counts are complete). */
const MAX_LISTED = 100;

const errorName = (err: unknown): string => (err instanceof Error ? err.name : 'Error');

/** What stops the whole check, said so that a person knows what to do; undefined for a failure of one line. */
export function fatalReason(err: unknown, o: Pick<VerifyRecordsOptions, 'logGroupName' | 'keyId'>): string | undefined {
  const name = errorName(err);
  const text = describeError(err);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(text)) {
    return 'No AWS credentials found: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and run again.';
  }
  if (/^(UnrecognizedClientException|ExpiredTokenException|ExpiredToken|InvalidSignatureException|InvalidClientTokenId)$/.test(name)) {
    return `Your AWS credentials were refused (${text}): refresh them (aws sso login, a new session) and run again.`;
  }
  if (/Region is missing/i.test(text)) return 'No AWS region: pass --region or set AWS_REGION.';
  if (/^AccessDenied(Exception)?$/.test(name)) {
    return `Access denied (${text}). verify-records needs logs:FilterLogEvents on ${o.logGroupName} and kms:VerifyMac on ${o.keyId}: attach the <prefix>-verify-records managed policy to your role.`;
  }
  if (name === 'ResourceNotFoundException') return `No log group ${o.logGroupName} in this account and region (--region).`;
  if (name === 'NotFoundException' || name === 'DisabledException' || name === 'InvalidKeyUsageException') return `The record key ${o.keyId} cannot verify here (${text}): check --key and --region.`;
  return undefined;
}

function kmsVerifier(kms: KMSClient, keyId: string): VerifyMac {
  return async (message, mac) => {
    try {
      const out = await kms.send(new VerifyMacCommand({ KeyId: keyId, MacAlgorithm: RECORD_MAC_ALGORITHM, Message: message, Mac: mac }));
      return out.MacValid === true ? { valid: true, keyId: out.KeyId ?? keyId } : { valid: false };
    } catch (err) {
      // KMS answers a MAC that does not match with this error, not with MacValid false (API_VerifyMac).
      if (errorName(err) === 'KMSInvalidMacException') return { valid: false };
      throw err;
    }
  };
}

type Checked = { readonly finding: Finding } | { readonly line: LogLine; readonly error: unknown };

/** Checks every line, `CONCURRENCY` at a time, in the log's order. */
async function checkAll(lines: readonly LogLine[], verifyMac: VerifyMac): Promise<Checked[]> {
  const out: Checked[] = new Array<Checked>(lines.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < lines.length; i = next++) {
      const line = lines[i] as LogLine;
      out[i] = await checkLine(line, verifyMac).then(
        (finding) => ({ finding }),
        (error: unknown) => ({ line, error }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, lines.length) }, worker));
  return out;
}

const where = (l: LogLine & { recordId?: string }) => `${new Date(l.timestamp).toISOString()}  ${l.stream}${l.recordId ? `  record ${l.recordId}` : ''}`;

function listed(label: string, items: ReadonlyArray<{ at: string; why: string }>): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_LISTED).map((i) => `${label.padEnd(12)} ${i.at}: ${i.why}`);
  return items.length > MAX_LISTED ? [...shown, `${' '.repeat(13)}... and ${items.length - MAX_LISTED} more`] : shown;
}

/**
 * `verify-records`: reads the remediation log over a window (FilterLogEvents, paginated, bounded)
 * and checks every record's MAC with KMS VerifyMac and the deployment's record key.
 */
export async function verifyRecords(o: VerifyRecordsOptions, clients: VerifyRecordsClients): Promise<VerifyRecordsResult> {
  const heading = `verify-records: ${o.logGroupName}, ${o.since.toISOString()} to ${o.until.toISOString()}, key ${o.keyId}`;
  const stop = (err: unknown): VerifyRecordsResult => ({ exitCode: 2, findings: [], text: `${heading}\n${fatalReason(err, o) ?? `Could not read the records: ${describeError(err)}`}` });
  let read;
  try {
    read = await readLog(clients.logs, { logGroupName: o.logGroupName, start: o.since, end: o.until, maxLines: o.maxLines ?? 10_000, maxPages: MAX_PAGES });
  } catch (err) {
    return stop(err);
  }
  const checked = await checkAll(read.lines, kmsVerifier(clients.kms, o.keyId));
  const fatal = checked.find((c) => 'error' in c && fatalReason(c.error, o) !== undefined);
  if (fatal && 'error' in fatal) return stop(fatal.error);
  const findings = checked.flatMap((c) => ('finding' in c ? [c.finding] : []));
  const unchecked = checked.flatMap((c) => ('error' in c ? [{ at: where(c.line), why: describeError(c.error) }] : []));
  const of = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).map((f) => ({ at: where(f), why: 'why' in f ? f.why : '' }));
  const [forged, invalid, unsigned, other] = [of('forged'), of('invalid'), of('unsigned'), of('not-a-record')];
  const failures = forged.length + invalid.length + (o.strict ? unsigned.length : 0);
  const incomplete = read.truncated || unchecked.length > 0;
  const exitCode: ExitCode = failures > 0 ? 1 : incomplete ? 3 : 0;
  const verdict =
    failures > 0
      ? `FAILED: ${forged.length} forged, ${invalid.length} invalid${o.strict ? `, ${unsigned.length} unsigned (--strict)` : ''}.`
      : incomplete
        ? 'INCOMPLETE: not every line of the window was checked.'
        : `OK: every record is signed by the record key${unsigned.length > 0 ? ' but those written unsigned (compare them with the UnsignedRecords alarms of that time)' : ''}.`;
  const text = [
    heading,
    `${read.lines.length} lines: ${of('verified').length} verified, ${forged.length} forged, ${invalid.length} invalid, ${unsigned.length} unsigned, ${other.length} not records, ${unchecked.length} unchecked`,
    ...(read.truncated ? [`Stopped after ${read.lines.length} lines (${read.pages} pages): narrow --since or raise --max-lines.`] : []),
    '',
    ...listed('FORGED', forged),
    ...listed('INVALID', invalid),
    ...listed('UNSIGNED', unsigned),
    ...listed('NOT A RECORD', other),
    ...listed('UNCHECKED', unchecked),
    '',
    verdict,
  ].join('\n');
  return { exitCode, text, findings };
}
