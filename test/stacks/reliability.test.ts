import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthesize, type SynthesizedApp } from '../helpers/synth';

let synth: SynthesizedApp;
let core: Template;

beforeAll(() => {
  synth = synthesize(undefined, { validateTemplates: false });
  const template = synth.templates.get('ar-core');
  if (!template) throw new Error('no ar-core stack');
  core = template;
});

const escalationTopicId = () => Object.keys(core.findResources('AWS::SNS::Topic', { Properties: { TopicName: 'ar-escalations' } }))[0];

describe('the reliability resources of the core stack', () => {
  test('the state table is on-demand, recoverable, encrypted with the key and expires items by `expiration`', () => {
    core.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  test('the verification queue is KMS-encrypted, TLS-only and dead-letters after 3 receives', () => {
    core.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'ar-verify',
      KmsMasterKeyId: Match.anyValue(),
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
    });
    core.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    core.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'ar-verifier', Runtime: 'nodejs24.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
  });

  test('the kill switch starts at the configured mode', () => {
    core.hasResourceProperties('AWS::SSM::Parameter', { Name: '/ar/mode', Value: synth.plan.config.guardrails.initialMode });
  });

  test('failed records, the verifier and its dead-letter queue alarm to the escalation topic only', () => {
    const escalation = escalationTopicId();
    for (const name of ['ar-records-failed-records', 'ar-verifier-errors', 'ar-verifier-dlq']) {
      core.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: name, AlarmActions: [{ Ref: escalation }] });
    }
    core.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ $.decision = "failed" }', MetricTransformations: [Match.objectLike({ MetricName: 'FailedRecords' })] });
  });

  test('every responder may use the state table and the verification queue, and nothing else of them', () => {
    for (const { stack } of synth.stacks.systems) {
      const template = synth.templates.get(stack.stackName);
      const policies = Object.values(template?.findResources('AWS::IAM::Policy') ?? {});
      const statements = policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement);
      const actions = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
      expect([...actions].filter((a) => a.startsWith('dynamodb:') && a.endsWith('Item')).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
      expect(actions.has('sqs:SendMessage')).toBe(true);
      expect(actions.has('dynamodb:Scan')).toBe(false);
    }
  });
});
