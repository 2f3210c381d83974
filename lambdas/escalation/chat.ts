/**
 * Amazon Q Developer in chat applications (formerly AWS Chatbot) custom notifications: the event
 * format its Slack, Teams and Chime channels render as a card, from "Custom notifications using
 * Amazon Q Developer in chat applications", Event schema and Parameter details
 * (https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html): `version` must be
 * `1.0`, `source` must be `custom`; `textType` `client-markdown` (the only one supported) renders
 * the title, description and next steps in the channel's own markdown; `metadata.threadId` groups
 * updates of one alarm in a thread. Anything else published to a channel's topic is dropped.
 */

/** The card's content: title and description (markdown), what to do next, and what to find it by. */
export interface ChatContent {
  readonly title: string;
  readonly description: string;
  /** Shown as a list under the description: for an approval request, the approve and reject commands. */
  readonly nextSteps?: readonly string[];
  readonly keywords?: readonly string[];
}

/** What the card is about: grouping, a one-line summary, and the resources it concerns. */
export interface ChatMetadata {
  /** Notifications with the same thread id go into one thread (where the channel allows it). */
  readonly threadId?: string;
  readonly summary?: string;
  readonly eventType?: string;
  readonly relatedResources?: readonly string[];
  readonly additionalContext?: Readonly<Record<string, string>>;
}

/** A custom notification, as published to the topic a chat channel subscribes to. */
export interface ChatNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id?: string;
  readonly content: ChatContent & { readonly textType: 'client-markdown' };
  readonly metadata?: ChatMetadata;
}

/**
 * How long a card's parts may get: not AWS limits (the page states none), a readable card's.
 * A longer description is cut with a note; the full escalation stays in the email form.
 */
export const CHAT_LIMITS = { title: 250, description: 3_500, nextSteps: 5, nextStep: 500, keywords: 10, keyword: 100 } as const;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const CUT_NOTE = '\n…(cut: the email form has everything)';

/** A custom notification of `content`, each part within CHAT_LIMITS; empty lists left out. */
export function chatNotification(content: ChatContent, metadata: ChatMetadata = {}, id?: string): ChatNotification {
  const description =
    content.description.length <= CHAT_LIMITS.description ? content.description : `${content.description.slice(0, CHAT_LIMITS.description - CUT_NOTE.length)}${CUT_NOTE}`;
  const nextSteps = (content.nextSteps ?? []).slice(0, CHAT_LIMITS.nextSteps).map((s) => cut(s, CHAT_LIMITS.nextStep));
  const keywords = [...new Set(content.keywords ?? [])].slice(0, CHAT_LIMITS.keywords).map((k) => cut(k, CHAT_LIMITS.keyword));
  const { threadId, summary, eventType, relatedResources = [], additionalContext = {} } = metadata;
  const meta: ChatMetadata = {
    ...(threadId === undefined ? {} : { threadId }),
    ...(summary === undefined ? {} : { summary }),
    ...(eventType === undefined ? {} : { eventType }),
    ...(relatedResources.length > 0 ? { relatedResources } : {}),
    ...(Object.keys(additionalContext).length > 0 ? { additionalContext } : {}),
  };
  return {
    version: '1.0',
    source: 'custom',
    ...(id === undefined ? {} : { id }),
    content: {
      textType: 'client-markdown',
      title: cut(content.title, CHAT_LIMITS.title),
      description,
      ...(nextSteps.length > 0 ? { nextSteps } : {}),
      ...(keywords.length > 0 ? { keywords } : {}),
    },
    ...(Object.keys(meta).length > 0 ? { metadata: meta } : {}),
  };
}
