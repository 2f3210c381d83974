import { PublishCommand } from '@aws-sdk/client-sns';
import type { AwsCallRecord, EscalationRecord } from '../core/record';
import type { State } from '../core/state';
import { awsCall, describeError } from '../runtime/aws-call';
import { readCentralEscalationTopicArn, topicRegion } from '../runtime/central';
import { snsClient, snsClientIn } from '../runtime/clients/sns';
import { approvalRequestChat } from './chat-approval';
import { MAX_MESSAGE_BYTES, snsSubject } from './message';
import { snsEnvelope, type SnsEnvelope } from './sns-envelope';

/**
 * What an approval request says, as data: the plain-text message is written from it, and a chat
 * card (Amazon Q Developer in chat applications' custom notification) can be made from the same
 * content by the chat formatter.
 */
export interface ApprovalRequestContent {
  readonly proposalId: string;
  readonly severity: string;
  /** What fired: the alarm, its kind and when it went into ALARM. */
  readonly alarm: { readonly name: string; readonly kind: string; readonly time: string; readonly reason: string };
  readonly system: string;
  readonly family: string;
  /** The record of the run that proposed it. */
  readonly recordId: string;
  /** The exact change. */
  readonly change: { readonly remediation: string; readonly resource: string; readonly summary: string; readonly before: State; readonly after: State };
  /** What the guards said: why the plan waits for a person, and what was confirmed before it. */
  readonly guards: readonly string[];
  readonly expiresAt: string;
  /** The exact commands to approve and to reject. */
  readonly commands: { readonly approve: string; readonly reject: string };
}

/** The commands a person runs: the id names the responder, which the CLI finds from the configuration. */
export function approvalCommands(proposalId: string): ApprovalRequestContent['commands'] {
  return {
    approve: `npm run approve -- ${proposalId}`,
    reject: `npm run approve -- ${proposalId} --reject --reason "<why>"`,
  };
}

const json = (state: State) => JSON.stringify(state, null, 2).replace(/\n/g, '\n    ');

/** The plain-text message (email): what fired, the change before → after, the guards, how to approve, until when. */
export function approvalRequestText(c: ApprovalRequestContent): string {
  const text = [
    `Approval requested for ${c.change.remediation} on ${c.change.resource} (${c.system}, ${c.severity}).`,
    '',
    `What fired: ${c.alarm.name} (${c.alarm.kind}) went into ALARM at ${c.alarm.time}.`,
    `  ${c.alarm.reason}`,
    '',
    `The change (planned by record ${c.recordId} of the ${c.system} ${c.family} responder):`,
    `  ${c.change.summary}`,
    `  before: ${json(c.change.before)}`,
    `  after:  ${json(c.change.after)}`,
    '',
    'Guards:',
    ...c.guards.map((g) => `  - ${g}`),
    '  At approval the plan is made again and refused if it or the state differ; then the kill switch, lock, cooldown, circuit breaker and caps decide, as for any apply.',
    '',
    `Approve (until ${c.expiresAt}, once):`,
    `  ${c.commands.approve}`,
    'Reject:',
    `  ${c.commands.reject}`,
    '',
    `The command signs the request with your AWS credentials: only the approver roles of the configuration are admitted, and the record names you. Proposal id: ${c.proposalId}.`,
  ].join('\n');
  // Before and after come from AWS reads: bound the message under SNS's limit.
  return Buffer.byteLength(text, 'utf8') <= MAX_MESSAGE_BYTES ? text : `${text.slice(0, MAX_MESSAGE_BYTES / 4)}\n... (cut: the full plan is in record ${c.recordId})`;
}

/**
 * The request in both forms, one SNS message per protocol: the text for email, the card for chat
 * channels (sns-envelope.ts). A text that would push the envelope over SNS's limit is cut.
 */
export function approvalRequestMessage(content: ApprovalRequestContent): SnsEnvelope {
  const chat = approvalRequestChat(content);
  const text = approvalRequestText(content);
  const whole = snsEnvelope(text, chat);
  if (Buffer.byteLength(whole.Message, 'utf8') <= MAX_MESSAGE_BYTES) return whole;
  return snsEnvelope(`${text.slice(0, MAX_MESSAGE_BYTES / 4)}\n... (cut: the full plan is in record ${content.recordId})`, chat);
}

/** Publishes one message; a failure is returned, never thrown. */
async function publishTo(client: ReturnType<typeof snsClient>, topicArn: string, subject: string, message: SnsEnvelope, calls: AwsCallRecord[]): Promise<{ messageId?: string; error?: string }> {
  try {
    // A repeat would send people a second request: not retried.
    const out = await awsCall(calls, 'sns', 'Publish', () => client.send(new PublishCommand({ TopicArn: topicArn, Subject: subject, ...message })), { mutating: false, idempotent: false });
    return out.MessageId ? { messageId: out.MessageId } : { error: 'SNS Publish returned no MessageId' };
  } catch (err) {
    return { error: describeError(err) };
  }
}

/**
 * Publishes an approval request to people's topic and, in a multi-account deployment, to the
 * operations account's (`centralTopicArn`, default AR_CENTRAL_ESCALATION_TOPIC_ARN), as
 * escalations are. Never throws: the record says what happened.
 */
export async function publishApprovalRequest(content: ApprovalRequestContent, topicArn: string, calls: AwsCallRecord[], centralTopicArn = readCentralEscalationTopicArn()): Promise<EscalationRecord> {
  const reason = `approval requested: ${content.proposalId}`;
  const subject = snsSubject(`[${content.severity}] approve? ${content.alarm.name}`);
  const message = approvalRequestMessage(content);
  const own = await publishTo(snsClient(), topicArn, subject, message, calls);
  const central = centralTopicArn === undefined ? undefined : { topicArn: centralTopicArn, ...(await publishTo(snsClientIn(topicRegion(centralTopicArn) ?? ''), centralTopicArn, subject, message, calls)) };
  const base = { topicArn, reason, ...(central ? { central } : {}) };
  return own.messageId ? { ...base, published: true, messageId: own.messageId } : { ...base, published: false, error: own.error };
}

export type PublishApprovalRequest = typeof publishApprovalRequest;
