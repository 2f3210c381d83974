import { PublishCommand } from '@aws-sdk/client-sns';
import { awsCall } from '../runtime/aws-call';
import { snsClient } from '../runtime/clients/sns';
import { gatherDiagnostics, type Diagnostics, type DiagnosticsRequest } from './escalation-diagnostics';
import type { Incident } from '../core/alarm';
import type { AwsCallRecord } from '../core/record';
import type { State } from '../core/state';

export type { Diagnostics, DiagnosticsRequest, MetricRequest } from './escalation-diagnostics';

/** SNS requires a subject of fewer than 100 characters; email clients need plain ASCII. */
export const MAX_SUBJECT_CHARS = 99;
/** SNS allows 256 KB per message, attributes and subject included: keep a margin. */
export const MAX_MESSAGE_BYTES = 250_000;
const RECORD_PREVIEW_CHARS = 20_000;
const FALLBACK_SUBJECT = 'alert-responder escalation';

export interface EscalationInput {
  readonly calls: AwsCallRecord[];
  readonly topicArn: string;
  readonly subject: string;
  readonly incident: Incident;
  readonly reason: string;
  /** The result record so far: what was tried and why it did not fix the alarm. */
  readonly record: State;
  readonly diagnostics: DiagnosticsRequest;
  /** End of the metrics window. @default the current time */
  readonly now?: () => Date;
}

export interface EscalationResult {
  readonly messageId: string;
  readonly diagnostics: Diagnostics;
}

/** SNS answered without a message id: the escalation cannot be shown to have been published. */
export class EscalationPublishError extends Error {
  constructor(topicArn: string) {
    super(`SNS Publish to ${topicArn} returned no MessageId`);
    this.name = 'EscalationPublishError';
  }
}

export function snsSubject(subject: string): string {
  const ascii = subject
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7E]/g, '?')
    .trim();
  const fitted = ascii.length > MAX_SUBJECT_CHARS ? `${ascii.slice(0, MAX_SUBJECT_CHARS - 3)}...` : ascii;
  return fitted === '' ? FALLBACK_SUBJECT : fitted;
}

type Body = { alarm: State; reason: string; record: State; diagnostics: Diagnostics; truncated: string[] };

const bytes = (body: Body) => Buffer.byteLength(JSON.stringify(body), 'utf8');

/**
 * Fits the message under SNS's limit, giving up the least useful parts first: the oldest
 * detail of log events, then metric points, then the record's full text.
 */
export function fitMessage(body: Body): string {
  let current = body;
  const logs = current.diagnostics.logEvents;
  if (logs && bytes(current) > MAX_MESSAGE_BYTES) {
    const events = [...logs.events];
    while (events.length > 0 && bytes(current) > MAX_MESSAGE_BYTES) {
      events.pop();
      current = { ...current, diagnostics: { ...current.diagnostics, logEvents: { ...logs, events: [...events] } } };
    }
    current = { ...current, truncated: [...current.truncated, `log events cut to ${events.length} of ${logs.events.length}`] };
  }
  const metrics = current.diagnostics.metrics;
  if (metrics && bytes(current) > MAX_MESSAGE_BYTES) {
    const series = metrics.series.map((s) => ({ ...s, points: [] }));
    current = { ...current, diagnostics: { ...current.diagnostics, metrics: { ...metrics, series } }, truncated: [...current.truncated, 'metric points dropped'] };
  }
  if (bytes(current) > MAX_MESSAGE_BYTES) {
    const preview = JSON.stringify(current.record).slice(0, RECORD_PREVIEW_CHARS);
    current = { ...current, record: { preview }, truncated: [...current.truncated, `record cut to ${RECORD_PREVIEW_CHARS} characters`] };
  }
  if (bytes(current) > MAX_MESSAGE_BYTES) {
    current = { ...current, reason: current.reason.slice(0, RECORD_PREVIEW_CHARS), truncated: [...current.truncated, 'reason cut'] };
  }
  return JSON.stringify(current);
}

function alarmState({ alarm, kind, region, account, windowSeconds }: Incident): State {
  return {
    name: alarm.name,
    arn: alarm.arn ?? null,
    kind,
    region,
    account: account ?? null,
    stateChangeTime: alarm.stateChangeTime.toISOString(),
    windowSeconds,
  };
}

/**
 * Hands the alert to people: gathers diagnostics (a failed source is reported inside them, it
 * never stops the escalation) and publishes one message to the topic. A failed publish throws.
 */
export async function escalate(input: EscalationInput): Promise<EscalationResult> {
  const now = (input.now ?? (() => new Date()))();
  const diagnostics = await gatherDiagnostics(input.calls, input.diagnostics, input.incident, now);
  const message = fitMessage({ alarm: alarmState(input.incident), reason: input.reason, record: input.record, diagnostics, truncated: [] });
  // Changes no AWS resource, but a repeat would page people twice: not retried.
  const out = await awsCall(input.calls, 'sns', 'Publish', () =>
    snsClient.send(new PublishCommand({ TopicArn: input.topicArn, Subject: snsSubject(input.subject), Message: message })),
    { mutating: false, idempotent: false },
  );
  if (!out.MessageId) throw new EscalationPublishError(input.topicArn);
  return { messageId: out.MessageId, diagnostics };
}
