import Ajv2020 from 'ajv/dist/2020';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { DEFAULT_LOG_LINES } from '../../../lib/catalogue';
import { chatNotification, CHAT_LIMITS } from '../../../lambdas/escalation/chat';
import { approvalRequestChat } from '../../../lambdas/escalation/chat-approval';
import { alarmConsoleUrl } from '../../../lambdas/escalation/chat-escalation';
import { alarmState, fitMessage } from '../../../lambdas/escalation/message';
import { escalate, type EscalationInput } from '../../../lambdas/escalation/publish';
import { MessageTooLargeError, publishCard } from '../../../lambdas/escalation/publish-card';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { logGroupTarget, NOW, serviceContext } from '../remediations/service-fixtures';
import { CUSTOM_NOTIFICATION_SCHEMA } from './custom-notification-schema';
import { chatForm, envelopeKeys, plainForm } from './envelope';

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(CUSTOM_NOTIFICATION_SCHEMA);
const errorsOf = (value: unknown) => (validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

const logsMock = mockClient(CloudWatchLogsClient);
const cwMock = mockClient(CloudWatchClient);
const snsMock = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:rung-critical-alerts';

function input(overrides: Partial<EscalationInput> = {}): EscalationInput {
  return {
    calls: [],
    topicArn: TOPIC,
    subject: '[P0] rung-security-violation-rung-audit',
    incident: serviceContext(logGroupTarget(), 'security-violation'),
    reason: 'no safe automatic fix',
    record: {
      decision: 'escalated',
      actions: [{ remediation: 'block-source-ips', targetKey: 'rung-audit', resource: 'rung-blocked-sources', decision: 'planned', reason: 'guarded: plan only' }],
    },
    diagnostics: {},
    logLines: DEFAULT_LOG_LINES,
    now: () => NOW,
    centralTopicArn: null,
    ...overrides,
  };
}

beforeEach(() => {
  logsMock.reset();
  cwMock.reset();
  snsMock.reset();
  retryPolicy.baseDelayMs = 0;
  snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
  logsMock.on(FilterLogEventsCommand).resolves({ events: [] });
  cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
});

describe('the custom notification schema (from the documentation)', () => {
  it('rejects what the documentation rules out: another version or source, an unknown member, a non-string keyword', () => {
    const good = chatNotification({ title: 't', description: 'd' });
    expect(errorsOf(good)).toEqual([]);
    expect(errorsOf({ ...good, version: '2.0' })).not.toEqual([]);
    expect(errorsOf({ ...good, source: 'aws.cloudwatch' })).not.toEqual([]);
    expect(errorsOf({ ...good, content: { ...good.content, body: 'x' } })).not.toEqual([]);
    expect(errorsOf({ ...good, content: { ...good.content, keywords: [1] } })).not.toEqual([]);
    expect(errorsOf({ version: '1.0', source: 'custom' })).not.toEqual([]);
  });
});

describe('an escalation, published', () => {
  it('goes out as one message per protocol: the chat card for HTTPS (chat channels), the plain form for the rest', async () => {
    await escalate(input());

    const sent = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(sent?.MessageStructure).toBe('json');
    expect(envelopeKeys(sent)).toEqual(['default', 'https']);
    expect(errorsOf(chatForm(sent))).toEqual([]);
  });

  it('shows in the card what fired, why people are needed, what was tried and where to look', async () => {
    const given = input();
    await escalate(given);

    const card = chatForm(snsMock.commandCalls(PublishCommand)[0]?.args[0].input);
    const { alarm, region } = given.incident;
    expect(card).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: {
        textType: 'client-markdown',
        title: ':rotating_light: [P0] rung-security-violation-rung-audit',
        nextSteps: [`Open the alarm: ${alarmConsoleUrl(alarm.name, region)}`, expect.stringContaining('email form')],
        keywords: ['security-violation', region],
      },
      metadata: { threadId: alarm.name, eventType: 'alert-responder-escalation', additionalContext: { alarm: alarm.name, kind: 'security-violation', region } },
    });
    const description = String((card.content as { description: string }).description);
    expect(description).toContain(`*Alarm* \`${alarm.name}\` (security-violation) is ALARM in ${region}`);
    expect(description).toContain('*Why people are needed:* no safe automatic fix');
    expect(description).toContain('• `block-source-ips` on `rung-blocked-sources` — planned: guarded: plan only');
  });

  it('keeps the email form exactly as before: the same message the escalation published without the card', async () => {
    logsMock.on(FilterLogEventsCommand).resolves({ events: [{ timestamp: Date.parse('2026-03-01T11:50:00Z'), message: 'IsolationViolation "tenant"=42' }] });
    const given = input({ diagnostics: { logGroupName: '/rung/audit/prod', filterPattern: 'IsolationViolation', metrics: [] } });

    const result = await escalate(given);

    const sent = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    const expected = fitMessage({ alarm: alarmState(given.incident), reason: given.reason, record: given.record, diagnostics: result.diagnostics, truncated: [] });
    expect(JSON.stringify(plainForm(sent))).toBe(expected);
    expect(sent?.Subject).toBe('[P0] rung-security-violation-rung-audit');
  });
});

describe('chatNotification', () => {
  it('makes an approval request a card with the plan and the approve and reject commands', () => {
    const card = chatNotification(
      {
        title: 'Approve raise-reserved-concurrency on checkout?',
        description: '*Change:* reserved concurrency 20 → 30\n*Guards:* all passed\n*Expires:* 2026-03-01T12:30:00Z',
        nextSteps: ['Approve: `npm run approve -- 3f2b8c1e`', 'Reject: `npm run approve -- 3f2b8c1e --reject`'],
        keywords: ['approval'],
      },
      { threadId: 'rung-high-latency-checkout', eventType: 'alert-responder-approval-request' },
      '3f2b8c1e',
    );
    expect(errorsOf(card)).toEqual([]);
    expect(card.id).toBe('3f2b8c1e');
    expect(card.content.nextSteps).toHaveLength(2);
  });

  it('cuts what would not make a readable card, and leaves empty parts out', () => {
    const card = chatNotification({ title: 't'.repeat(1000), description: 'd'.repeat(10_000), nextSteps: Array.from({ length: 9 }, (_, i) => `step ${i}`), keywords: [] }, { relatedResources: [] });

    expect(errorsOf(card)).toEqual([]);
    expect(card.content.title).toHaveLength(CHAT_LIMITS.title);
    expect(card.content.description).toHaveLength(CHAT_LIMITS.description);
    expect(card.content.description.endsWith('(cut: the email form has everything)')).toBe(true);
    expect(card.content.nextSteps).toHaveLength(CHAT_LIMITS.nextSteps);
    expect(card.content).not.toHaveProperty('keywords');
    expect(card).not.toHaveProperty('metadata');
  });
});

describe('publishCard', () => {
  it('publishes the plain form for email and the card for chat channels in one message', async () => {
    const chat = chatNotification({ title: 'Approve?', description: 'reserved concurrency 20 → 30', nextSteps: ['Approve: `npm run approve -- r1`'] });
    const calls: Parameters<typeof publishCard>[0]['calls'] = [];

    await expect(publishCard({ calls, topicArn: TOPIC, subject: 'Approval requested: raise-reserved-concurrency', plain: '{"proposal":"r1"}', chat })).resolves.toBe('msg-1');

    const sent = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(plainForm(sent)).toEqual({ proposal: 'r1' });
    expect(chatForm(sent)).toEqual(chat);
    expect(errorsOf(chatForm(sent))).toEqual([]);
    expect(calls).toEqual([{ service: 'sns', operation: 'Publish', mutating: false, ok: true, attempts: 1 }]);
  });

  it('sends nothing that would not fit SNS\'s limit', async () => {
    const chat = chatNotification({ title: 't', description: 'd' });
    await expect(publishCard({ calls: [], topicArn: TOPIC, subject: 's', plain: 'x'.repeat(300_000), chat })).rejects.toThrow(MessageTooLargeError);
    expect(snsMock).not.toHaveReceivedCommand(PublishCommand);
  });
});

describe('approvalRequestChat', () => {
  it('shows the plan before → after and the approve and reject commands, and validates', () => {
    const card = approvalRequestChat({
      proposalId: 'p-3f2b8c1e',
      severity: 'P2',
      alarm: { name: 'rung-high-latency-checkout', kind: 'high-latency', time: '2026-03-01T11:55:00.000Z' },
      system: 'rung',
      recordId: 'r-1',
      change: { remediation: 'raise-reserved-concurrency', resource: 'checkout', summary: 'raise reserved concurrency of checkout from 20 to 30', before: { reservedConcurrency: 20 }, after: { reservedConcurrency: 30 } },
      guards: ['guarded: waits for a person'],
      expiresAt: '2026-03-01T12:25:00.000Z',
      commands: { approve: 'npm run approve -- p-3f2b8c1e', reject: 'npm run approve -- p-3f2b8c1e --reject --reason "<why>"' },
    });

    expect(errorsOf(card)).toEqual([]);
    expect(card.id).toBe('p-3f2b8c1e');
    expect(card.content.nextSteps).toEqual(['Approve: `npm run approve -- p-3f2b8c1e`', 'Reject: `npm run approve -- p-3f2b8c1e --reject --reason "<why>"`']);
    expect(card.content.description).toContain('*Before:* `{"reservedConcurrency":20}`');
    expect(card.content.description).toContain('*After:* `{"reservedConcurrency":30}`');
    expect(card.metadata).toMatchObject({ threadId: 'rung-high-latency-checkout', eventType: 'alert-responder-approval-request' });
  });
});
