import { PublishCommand } from '@aws-sdk/client-sns';
import type { AwsCallRecord } from '../core/record';
import { awsCall } from '../runtime/aws-call';
import { snsClient } from '../runtime/clients/sns';
import type { ChatNotification } from './chat';
import { MAX_MESSAGE_BYTES, snsSubject } from './message';
import { snsEnvelope } from './sns-envelope';

/** A message for people: the plain form (email) and its chat card (chat channels). */
export interface CardMessage {
  readonly calls: AwsCallRecord[];
  readonly topicArn: string;
  readonly subject: string;
  /** What email subscribers read. */
  readonly plain: string;
  readonly chat: ChatNotification;
}

/** The message would not fit SNS's limit: the caller must say less, nothing was sent. */
export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';
}

/**
 * Publishes a short message to people in both forms, one SNS message per protocol (an approval
 * request: lambdas/escalation/sns-envelope.ts). Returns the message id; a failed publish throws.
 * Escalations use `escalate`, which also fits their diagnostics to the limit.
 */
export async function publishCard(message: CardMessage): Promise<string> {
  const envelope = snsEnvelope(message.plain, message.chat);
  const bytes = Buffer.byteLength(envelope.Message, 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) throw new MessageTooLargeError(`The message to ${message.topicArn} is ${bytes} bytes, over ${MAX_MESSAGE_BYTES}`);
  // Changes no AWS resource, but a repeat would notify people twice: not retried.
  const out = await awsCall(message.calls, 'sns', 'Publish', () => snsClient().send(new PublishCommand({ TopicArn: message.topicArn, Subject: snsSubject(message.subject), ...envelope })), {
    mutating: false,
    idempotent: false,
  });
  if (!out.MessageId) throw new Error(`SNS Publish to ${message.topicArn} returned no MessageId`);
  return out.MessageId;
}
