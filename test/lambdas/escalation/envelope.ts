/** What a Publish of an escalation was sent with: an envelope of one message per protocol. */
interface PublishInput {
  readonly Message?: string;
  readonly MessageStructure?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function envelope(input: PublishInput | undefined): Record<string, unknown> {
  if (input?.MessageStructure !== 'json') throw new Error(`expected MessageStructure json, got ${String(input?.MessageStructure)}`);
  const parsed: unknown = JSON.parse(input.Message ?? '');
  if (!isRecord(parsed)) throw new Error('the envelope is not a JSON object');
  return parsed;
}

function parsedKey(input: PublishInput | undefined, key: 'default' | 'https'): Record<string, unknown> {
  const text = envelope(input)[key];
  if (typeof text !== 'string') throw new Error(`the envelope has no string "${key}"`);
  const parsed: unknown = JSON.parse(text);
  if (!isRecord(parsed)) throw new Error(`the envelope's "${key}" is not a JSON object`);
  return parsed;
}

/** The plain form (`default`: email and every protocol but HTTPS) as sent: text. */
export function plainText(input: PublishInput | undefined): string {
  const text = envelope(input).default;
  if (typeof text !== 'string') throw new Error('the envelope has no string "default"');
  return text;
}

/** The plain form (`default`: email and every protocol but HTTPS), parsed. */
export const plainForm = (input: PublishInput | undefined) => parsedKey(input, 'default');

/** The chat card (`https`: Amazon Q Developer in chat applications), parsed. */
export const chatForm = (input: PublishInput | undefined) => parsedKey(input, 'https');

/** The envelope's top-level keys. */
export const envelopeKeys = (input: PublishInput | undefined) => Object.keys(envelope(input)).sort();
