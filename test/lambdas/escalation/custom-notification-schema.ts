/**
 * The custom notification format of Amazon Q Developer in chat applications, written from its
 * documentation ("Custom notifications using Amazon Q Developer in chat applications", Event schema
 * and Parameter details: https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html):
 * `version` required, must be `1.0`; `source` required, must be `custom`; `id` optional, a unique
 * event identifier; `content` with `textType` (only `client-markdown` is supported), `title`,
 * `description`, `nextSteps` and `keywords` (lists of strings); `metadata` with `threadId`,
 * `summary`, `eventType`, `relatedResources` (strings) and `additionalContext` (string values).
 * Written by hand rather than copied from the page's OpenAPI schema; no member beyond the page's.
 */
export const CUSTOM_NOTIFICATION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['version', 'source', 'content'],
  additionalProperties: false,
  properties: {
    version: { const: '1.0' },
    source: { const: 'custom' },
    id: { type: 'string', minLength: 1 },
    content: {
      type: 'object',
      required: ['description'],
      additionalProperties: false,
      properties: {
        textType: { const: 'client-markdown' },
        title: { type: 'string' },
        description: { type: 'string', minLength: 1 },
        nextSteps: { type: 'array', items: { type: 'string' } },
        keywords: { type: 'array', items: { type: 'string' } },
      },
    },
    metadata: {
      type: 'object',
      additionalProperties: false,
      properties: {
        threadId: { type: 'string' },
        summary: { type: 'string' },
        eventType: { type: 'string' },
        relatedResources: { type: 'array', items: { type: 'string' } },
        additionalContext: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
} as const;
