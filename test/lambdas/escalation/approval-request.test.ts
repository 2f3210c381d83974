import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { approvalCommands, approvalRequestText, publishApprovalRequest, type ApprovalRequestContent } from '../../../lambdas/escalation/approval-request';
import type { AwsCallRecord } from '../../../lambdas/core/record';
import Ajv2020 from 'ajv/dist/2020';
import { CUSTOM_NOTIFICATION_SCHEMA } from './custom-notification-schema';
import { chatForm, envelopeKeys, plainText } from './envelope';

const validateCard = new Ajv2020({ strict: true }).compile(CUSTOM_NOTIFICATION_SCHEMA);

const sns = mockClient(SNSClient);
beforeEach(() => sns.reset());

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ar-escalations';
const CENTRAL = 'arn:aws:sns:eu-west-1:999999999999:ops-escalations';
const ID = 'rung.lambda.8f0c6d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f';

const content: ApprovalRequestContent = {
  proposalId: ID,
  severity: 'P1',
  alarm: { name: 'ar-rung-high-error-rate-rung-api-prod', kind: 'high-error-rate', time: '2026-11-23T03:12:45.123Z', reason: 'Threshold Crossed: 1 datapoint [12.5] was greater than 5' },
  system: 'rung',
  family: 'lambda',
  recordId: 'proposing-record',
  change: { remediation: 'rollback-lambda-alias', resource: 'rung-api-prod:live', summary: 'alias live 8 -> 7', before: { version: '8' }, after: { version: '7' } },
  guards: ['level propose: rollback-lambda-alias is a guarded action not enabled', 'breach: confirmed'],
  expiresAt: '2026-11-23T03:43:45.123Z',
  commands: approvalCommands(ID),
};

describe('approval request', () => {
  it('says what fired, the change before and after, the guards, the commands and until when', () => {
    const text = approvalRequestText(content);
    for (const part of [
      'What fired: ar-rung-high-error-rate-rung-api-prod (high-error-rate) went into ALARM at 2026-11-23T03:12:45.123Z.',
      'alias live 8 -> 7',
      '  - level propose: rollback-lambda-alias is a guarded action not enabled',
      'Approve (until 2026-11-23T03:43:45.123Z, once):',
      `  npm run approve -- ${ID}`,
      `  npm run approve -- ${ID} --reject --reason "<why>"`,
    ]) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/before: \{\s+"version": "8"\s+\}\n {2}after: {2}\{\s+"version": "7"\s+\}/);
  });

  it('goes out as the text for email and a card with the approve and reject commands for chat channels', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await publishApprovalRequest(content, TOPIC, [], undefined);

    const sent = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(sent?.MessageStructure).toBe('json');
    expect(envelopeKeys(sent)).toEqual(['default', 'https']);
    expect(plainText(sent)).toBe(approvalRequestText(content));
    const card = chatForm(sent);
    expect(validateCard(card)).toBe(true);
    expect(card).toMatchObject({ id: ID, content: { nextSteps: [`Approve: \`npm run approve -- ${ID}\``, `Reject: \`npm run approve -- ${ID} --reject --reason "<why>"\``] } });
  });

  it("publishes to people's topic and the operations account's, once each", async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const calls: AwsCallRecord[] = [];
    const record = await publishApprovalRequest(content, TOPIC, calls, CENTRAL);
    expect(record).toEqual({ published: true, topicArn: TOPIC, messageId: 'm-1', reason: `approval requested: ${ID}`, central: { topicArn: CENTRAL, messageId: 'm-1' } });
    expect(sns.commandCalls(PublishCommand).map((c) => [c.args[0].input.TopicArn, c.args[0].input.Subject])).toEqual([
      [TOPIC, '[P1] approve? ar-rung-high-error-rate-rung-api-prod'],
      [CENTRAL, '[P1] approve? ar-rung-high-error-rate-rung-api-prod'],
    ]);
    expect(calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['sns:Publish', 'sns:Publish']);
  });

  it('fails when the publish fails, without throwing and without a retry', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('KMS key disabled'), { name: 'KMSDisabledException' }));
    const record = await publishApprovalRequest(content, TOPIC, [], undefined);
    expect(record).toMatchObject({ published: false, topicArn: TOPIC, error: expect.stringContaining('KMS key disabled') });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
  });
});
