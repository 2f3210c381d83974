/** The Lambda entry of the operations account's records forwarder: forward.ts does the work. */
import { logsClient } from '../runtime/clients/logs';
import { forwardRecords, type KinesisRecordIn } from './forward';

// A failed write is retried by the event source, from the first record not written (retryAttempts).
const created = new Set<string>();

function logGroupName(): string {
  const name = process.env.AR_RECORDS_LOG_GROUP;
  if (name === undefined || !name.startsWith('/')) throw new Error(`AR_RECORDS_LOG_GROUP must name the central records log group, got ${JSON.stringify(name)}`);
  return name;
}
const LOG_GROUP = logGroupName();

export async function handler(event: { readonly Records: readonly KinesisRecordIn[] }): Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }> {
  const result = await forwardRecords(event.Records, {
    client: logsClient(),
    logGroupName: LOG_GROUP,
    created,
    onSkip: (sequenceNumber, error) => console.error(JSON.stringify({ skipped: sequenceNumber, error: error.message })),
  });
  console.log(JSON.stringify({ records: event.Records.length, forwarded: result.forwarded, failed: result.batchItemFailures.length }));
  return { batchItemFailures: result.batchItemFailures };
}
