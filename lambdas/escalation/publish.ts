import { PublishCommand } from '@aws-sdk/client-sns';
import type { LogLinesSettings } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { AwsCallRecord } from '../core/record';
import type { State } from '../core/state';
import { awsCall } from '../runtime/aws-call';
import { snsClient } from '../runtime/clients/sns';
import { gatherDiagnostics, type Diagnostics, type DiagnosticsRequest } from './diagnostics';
import { alarmState, fitMessage, snsSubject } from './message';

export type { Diagnostics, DiagnosticsRequest, MetricRequest } from './diagnostics';

export interface EscalationInput {
  readonly calls: AwsCallRecord[];
  readonly topicArn: string;
  readonly subject: string;
  readonly incident: Incident;
  readonly reason: string;
  /** The result record so far: what was tried and why it did not fix the alarm. */
  readonly record: State;
  readonly diagnostics: DiagnosticsRequest;
  /** What the message may carry of log lines: required, so no caller can send them unredacted by leaving it out. */
  readonly logLines: LogLinesSettings;
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

/**
 * Hands the alert to people: gathers diagnostics (a failed source is reported inside them, it
 * never stops the escalation) and publishes one message to the topic. A failed publish throws.
 */
export async function escalate(input: EscalationInput): Promise<EscalationResult> {
  const now = (input.now ?? (() => new Date()))();
  const diagnostics = await gatherDiagnostics(input.calls, input.diagnostics, input.incident, now, input.logLines);
  const message = fitMessage({ alarm: alarmState(input.incident), reason: input.reason, record: input.record, diagnostics, truncated: [] });
  // Changes no AWS resource, but a repeat would page people twice: not retried.
  const out = await awsCall(input.calls, 'sns', 'Publish', () =>
    snsClient().send(new PublishCommand({ TopicArn: input.topicArn, Subject: snsSubject(input.subject), Message: message })),
    { mutating: false, idempotent: false },
  );
  if (!out.MessageId) throw new EscalationPublishError(input.topicArn);
  return { messageId: out.MessageId, diagnostics };
}
