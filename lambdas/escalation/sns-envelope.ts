import type { ChatNotification } from './chat';

/**
 * One publish, a message per protocol: with `MessageStructure: 'json'` the Message is a JSON object
 * whose `default` goes to every protocol not named, and other top-level keys to that protocol
 * ("Set MessageStructure to json if you want to send a different message for each protocol ...
 * contain at least a top-level JSON key of default": SNS Publish, MessageStructure). Email
 * subscribers keep the plain form; the chat card goes to `https`: Amazon Q Developer in chat
 * applications subscribes to a topic with an HTTPS endpoint (the subscription it adds is listed with
 * protocol https). That last point is not in the documentation checked: confirm it with
 * `aws sns list-subscriptions-by-topic` after adding the topic to a channel configuration.
 */
export interface SnsEnvelope {
  readonly Message: string;
  readonly MessageStructure: 'json';
}

/** The envelope of `plain` (email, and every protocol but HTTPS) and `chat` (HTTPS: chat channels). */
export function snsEnvelope(plain: string, chat: ChatNotification): SnsEnvelope {
  return { Message: JSON.stringify({ default: plain, https: JSON.stringify(chat) }), MessageStructure: 'json' };
}

/** Bytes `plain` takes inside the envelope: JSON escaping makes it longer than it is. */
export function envelopedBytes(plain: string): number {
  return Buffer.byteLength(JSON.stringify(plain), 'utf8');
}

/** Bytes of the envelope besides the plain form: what the plain form must leave room for. */
export function envelopeOverheadBytes(chat: ChatNotification): number {
  return Buffer.byteLength(snsEnvelope('', chat).Message, 'utf8') - 2;
}
