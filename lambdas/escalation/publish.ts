import { PublishCommand } from '@aws-sdk/client-sns';
import type { LogLinesSettings } from '../../lib/catalogue';
import type { Incident } from '../core/alarm';
import type { AwsCallRecord } from '../core/record';
import type { State } from '../core/state';
import { awsCall, describeError } from '../runtime/aws-call';
import { readCentralEscalationTopicArn, topicRegion } from '../runtime/central';
import { snsClient, snsClientIn } from '../runtime/clients/sns';
import { gatherDiagnostics, type Diagnostics, type DiagnosticsRequest } from './diagnostics';
import { escalationChat } from './chat-escalation';
import { alarmState, fitMessage, MAX_MESSAGE_BYTES, snsSubject } from './message';
import { envelopedBytes, envelopeOverheadBytes, snsEnvelope, type SnsEnvelope } from './sns-envelope';

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
  /**
   * The operations account's topic that every escalation also reaches (multi-account), or null for none.
   * @default AR_CENTRAL_ESCALATION_TOPIC_ARN, read once per container
   */
  readonly centralTopicArn?: string | null;
}

/** The copy of an escalation sent to the operations account's topic. */
export interface CentralEscalation {
  readonly topicArn: string;
  readonly messageId?: string;
  readonly error?: string;
}

export interface EscalationResult {
  readonly messageId: string;
  readonly diagnostics: Diagnostics;
  /** Present in a multi-account deployment. */
  readonly central?: CentralEscalation;
}

const CENTRAL_TOPIC_ARN = readCentralEscalationTopicArn();

/** SNS answered without a message id: the escalation cannot be shown to have been published. */
export class EscalationPublishError extends Error {
  constructor(topicArn: string) {
    super(`SNS Publish to ${topicArn} returned no MessageId`);
    this.name = 'EscalationPublishError';
  }
}

/**
 * Hands the alert to people: gathers diagnostics (a failed source is reported inside them, it
 * never stops the escalation) and publishes one message to the topic: the plain form for email,
 * a chat card for chat channels (sns-envelope.ts). A failed publish throws.
 */
export async function escalate(input: EscalationInput): Promise<EscalationResult> {
  const now = (input.now ?? (() => new Date()))();
  const diagnostics = await gatherDiagnostics(input.calls, input.diagnostics, input.incident, now, input.logLines);
  const chat = escalationChat(input);
  // The plain form (email) as before, fitted into what the chat card leaves of SNS's limit.
  const plain = fitMessage({ alarm: alarmState(input.incident), reason: input.reason, record: input.record, diagnostics, truncated: [] }, MAX_MESSAGE_BYTES - envelopeOverheadBytes(chat), envelopedBytes);
  const message = snsEnvelope(plain, chat);
  // Changes no AWS resource, but a repeat would page people twice: not retried.
  const out = await awsCall(input.calls, 'sns', 'Publish', () =>
    snsClient().send(new PublishCommand({ TopicArn: input.topicArn, Subject: snsSubject(input.subject), ...message })),
    { mutating: false, idempotent: false },
  );
  if (!out.MessageId) throw new EscalationPublishError(input.topicArn);
  const centralTopicArn = input.centralTopicArn === undefined ? CENTRAL_TOPIC_ARN : (input.centralTopicArn ?? undefined);
  const central = centralTopicArn === undefined ? undefined : await publishCentral(input, centralTopicArn, message);
  return { messageId: out.MessageId, diagnostics, ...(central ? { central } : {}) };
}

/**
 * The same message to the operations account's topic, through a client of its region. The
 * account's own people already have it: a failure here is recorded, not thrown.
 */
async function publishCentral(input: EscalationInput, topicArn: string, message: SnsEnvelope): Promise<CentralEscalation> {
  const client = snsClientIn(topicRegion(topicArn) ?? '');
  try {
    const out = await awsCall(input.calls, 'sns', 'Publish', () => client.send(new PublishCommand({ TopicArn: topicArn, Subject: snsSubject(input.subject), ...message })), {
      mutating: false,
      idempotent: false,
    });
    return out.MessageId ? { topicArn, messageId: out.MessageId } : { topicArn, error: 'SNS Publish returned no MessageId' };
  } catch (err) {
    return { topicArn, error: describeError(err) };
  }
}
