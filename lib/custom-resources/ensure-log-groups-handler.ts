/** The Lambda entry of `Custom::EnsureLogGroups`: ensure-log-groups.ts does the work, this answers CloudFormation. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ensureLogGroups, eventSchema, responseBody } from './ensure-log-groups';

// Created once per container; throttled CreateLogGroup calls are retried with backoff.
const client = new CloudWatchLogsClient({ maxAttempts: 10 });

export async function handler(raw: unknown): Promise<void> {
  const event = eventSchema.parse(raw);
  let body: string;
  try {
    const result = await ensureLogGroups(event, client);
    console.log(JSON.stringify({ requestType: event.RequestType, outcomes: result.outcomes }));
    body = responseBody(event, { ok: true, result });
  } catch (err) {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    console.error(JSON.stringify({ requestType: event.RequestType, error: reason }));
    body = responseBody(event, { ok: false, reason });
  }
  // A pre-signed S3 URL: its signature covers no content type, so none is sent.
  const response = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  if (!response.ok) throw new Error(`CloudFormation's response URL answered ${response.status}`);
}
