import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ResultRecord, Signed, VerificationRecord } from '../core/record';

/** What goes to the remediation log: a record that says whether and how it is signed. */
export type WrittenRecord = Signed<ResultRecord> | Signed<VerificationRecord>;
import { awsCall } from '../runtime/aws-call';
import { logsClient } from '../runtime/clients/logs';
import { logger, metrics } from '../runtime/powertools';

/**
 * JSON.stringify leaves U+2028/2029, bidi overrides and C1 controls raw; alarm reasons and ids
 * come from outside, so escape them: the JSON parses to the same record and cannot mislead a reader.
 */
const UNSAFE_IN_LOGS = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function recordJson(record: WrittenRecord): string {
  return JSON.stringify(record).replace(UNSAFE_IN_LOGS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One stream per container: PutLogEvents needs no sequence token, and streams never contend. */
let stream: { group: string; name: string; created: boolean } | undefined;

function streamFor(group: string, family: string) {
  if (!stream || stream.group !== group) {
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
    stream = { group, name: `${day}/${family}/${randomUUID()}`, created: false };
  }
  return stream;
}

async function ensureStream(s: { group: string; name: string; created: boolean }): Promise<void> {
  if (s.created) return;
  try {
    await awsCall([], 'logs', 'CreateLogStream', () => logsClient().send(new CreateLogStreamCommand({ logGroupName: s.group, logStreamName: s.name })), {
      mutating: false,
      idempotent: true,
    });
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceAlreadyExistsException') throw err;
  }
  s.created = true;
}

/**
 * Posts the record to the remediation log group. A record is never lost: if the log group
 * cannot be written, the record goes to the function's own log and a metric counts it.
 */
export async function writeRecord(record: WrittenRecord, logGroupName: string): Promise<boolean> {
  const s = streamFor(logGroupName, record.responder.family);
  try {
    await ensureStream(s);
    await awsCall([], 'logs', 'PutLogEvents', () =>
      logsClient().send(
        new PutLogEventsCommand({
          logGroupName: s.group,
          logStreamName: s.name,
          logEvents: [{ timestamp: Date.parse(record.time), message: recordJson(record) }],
        }),
      ),
      { mutating: false, idempotent: true },
    );
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') s.created = false;
    logger.error('Could not write the result record to the remediation log group; the record follows', {
      error: err instanceof Error ? err.message : String(err),
      resultRecord: record,
    });
    metrics.addMetric('RecordWriteFailures', MetricUnit.Count, 1);
    return false;
  }
}

/** For tests: forget the container's stream. */
export function resetRecordStream(): void {
  stream = undefined;
}
