/**
 * The operations account's forwarder: CloudWatch Logs delivers each member account's records,
 * through its subscription filter and the central Logs destination, to a Kinesis stream; this
 * writes each record, unchanged, to the central records log group.
 *
 * Subscription data format (base64 of gzip JSON; DATA_MESSAGE or CONTROL_MESSAGE):
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
import { gunzipSync } from 'node:zlib';
import { CreateLogStreamCommand, PutLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { list, num, object, oneOf, text, type Infer } from '../core/params';

/** What CloudWatch Logs puts on the stream, once decoded (read by hand: zod stays out of the bundles). */
export const subscriptionDataSchema = object({
  messageType: oneOf('DATA_MESSAGE', 'CONTROL_MESSAGE'),
  owner: text(),
  logGroup: text(),
  logStream: text(),
  subscriptionFilters: list(text()),
  logEvents: list(object({ id: text(), timestamp: num(), message: text() }), 'a list of log events'),
});
export type SubscriptionData = Infer<typeof subscriptionDataSchema>;

/** A Kinesis record as Lambda hands it over (only what is read here). */
export interface KinesisRecordIn {
  readonly kinesis: { readonly data: string; readonly sequenceNumber: string };
}

/** A record that is not subscription data: the stream only receives from Logs destinations, so it is a fault to see. */
export class SubscriptionDataError extends Error {
  override readonly name = 'SubscriptionDataError';
}

/** Decodes one Kinesis record into subscription data, naming what was wrong. */
export function decodeSubscriptionData(data: string): SubscriptionData {
  let value: unknown;
  try {
    value = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
  } catch (err) {
    throw new SubscriptionDataError(`not gzip-compressed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const read = subscriptionDataSchema.read(value, '');
  if (!read.ok) {
    throw new SubscriptionDataError(`not CloudWatch Logs subscription data: ${read.path || 'the value'} must be ${read.expected}, got ${JSON.stringify(read.received) ?? 'nothing'}`);
  }
  return read.value;
}

/** Members name their subscription filter `<prefix>-records-<region>` (recordsFilterName), so the region is known here. */
const FILTER_REGION = /-records-([a-z]{2}(?:-gov)?-[a-z]+-\d)$/;

/**
 * Where a member's stream lands centrally: `<account>/<region>/<its stream>`, so records keep
 * their origin (the records themselves are not changed). Log stream names exclude ":" and "*".
 */
export function centralStreamName(data: SubscriptionData): string {
  const region = data.subscriptionFilters.map((f) => FILTER_REGION.exec(f)?.[1]).find((r) => r !== undefined) ?? 'unknown-region';
  return `${data.owner}/${region}/${data.logStream}`.replace(/[:*]/g, '_').slice(0, 512);
}

/** Writes one decoded record's events to `logGroupName`, creating the stream on first use. */
async function put(client: CloudWatchLogsClient, logGroupName: string, data: SubscriptionData, created: Set<string>): Promise<number> {
  if (data.messageType === 'CONTROL_MESSAGE' || data.logEvents.length === 0) return 0;
  const logStreamName = centralStreamName(data);
  // PutLogEvents wants a batch in chronological order.
  const logEvents = [...data.logEvents].sort((a, b) => a.timestamp - b.timestamp).map((e) => ({ timestamp: e.timestamp, message: e.message }));
  const send = () => client.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }));
  if (!created.has(logStreamName)) {
    try {
      await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceAlreadyExistsException') throw err;
    }
    created.add(logStreamName);
  }
  await send();
  return logEvents.length;
}

export interface ForwardResult {
  readonly forwarded: number;
  /** Lambda's partial batch response: the first record not written, from which Kinesis retries. */
  readonly batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * Forwards records in order. The first that fails stops the batch and is reported, so Lambda
 * retries from it (Kinesis checkpoints by sequence number); one that cannot be decoded is skipped
 * and reported through `onSkip`, since retrying would never fix it.
 */
export async function forwardRecords(
  records: readonly KinesisRecordIn[],
  deps: { readonly client: CloudWatchLogsClient; readonly logGroupName: string; readonly created: Set<string>; readonly onSkip: (sequenceNumber: string, error: Error) => void },
): Promise<ForwardResult> {
  let forwarded = 0;
  for (const record of records) {
    let data: SubscriptionData;
    try {
      data = decodeSubscriptionData(record.kinesis.data);
    } catch (err) {
      deps.onSkip(record.kinesis.sequenceNumber, err instanceof Error ? err : new Error(String(err)));
      continue;
    }
    try {
      forwarded += await put(deps.client, deps.logGroupName, data, deps.created);
    } catch (err) {
      if ((err as { name?: string }).name === 'ResourceNotFoundException') deps.created.delete(centralStreamName(data));
      return { forwarded, batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] };
    }
  }
  return { forwarded, batchItemFailures: [] };
}
