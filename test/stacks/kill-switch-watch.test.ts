import type { Template } from 'aws-cdk-lib/assertions';
import { synthesize } from '../helpers/synth';

let core: Template;

beforeAll(() => {
  const template = synthesize(undefined, { validateTemplates: false }).templates.get('ar-core');
  if (!template) throw new Error('no ar-core stack');
  core = template;
});

type Statement = { Sid?: string; Principal?: { Service?: unknown }; Action: unknown; Condition?: Record<string, Record<string, unknown>> };
const only = <T>(found: Record<string, T>): [string, T] => {
  const entries = Object.entries(found);
  expect(entries).toHaveLength(1);
  return entries[0];
};
type KeyJson = { Properties: { KeySpec?: string; KeyPolicy: { Statement: Statement[] } } };
/** The alert key's statements (the record key, an HMAC key, is audit-trail.test.ts's). */
const keyStatements = (): Statement[] =>
  only(Object.fromEntries(Object.entries(core.findResources('AWS::KMS::Key') as Record<string, KeyJson>).filter(([, k]) => k.Properties.KeySpec === undefined)))[1].Properties.KeyPolicy.Statement;
const ruleId = (description: RegExp) =>
  only(Object.fromEntries(Object.entries(core.findResources('AWS::Events::Rule')).filter(([, r]) => description.test(String((r as { Properties: { Description: unknown } }).Properties.Description)))))[0];

describe('the kill switch is watched', () => {
  test('a change of /ar/mode (Create, Update, Delete) goes to people as a readable message and to the audit log', () => {
    const id = ruleId(/a change of the kill switch/);
    const rule = core.toJSON().Resources[id].Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.ssm'],
      'detail-type': ['Parameter Store Change'],
      detail: { name: ['/ar/mode'], operation: ['Create', 'Update', 'Delete'] },
    });
    const [toPeople, toLog] = rule.Targets as Array<{ Arn: unknown; InputTransformer?: { InputPathsMap: Record<string, string>; InputTemplate: string }; DeadLetterConfig: unknown }>;
    expect(toPeople.Arn).toEqual({ Ref: expect.stringMatching(/^Topicsescalations/) });
    // What, when and where come from the event; who is named where to find it.
    expect(Object.values(toPeople.InputTransformer?.InputPathsMap ?? {}).sort()).toEqual(['$.account', '$.detail.name', '$.detail.operation', '$.region', '$.time']);
    expect(JSON.stringify(toPeople.InputTransformer?.InputTemplate)).toMatch(/"\\"\[ar\] The alert-responder kill switch <[^>]+> was changed: <[^>]+> at <[^>]+>.*Who changed it: CloudTrail/);
    expect(JSON.stringify(toLog.Arn)).toMatch(/:log-group:",\{"Ref":"KillSwitchWatchAuditLog\w+"\}/);
    for (const t of [toPeople, toLog]) expect(t.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [expect.stringMatching(/Undelivered/), 'Arn'] } });
  });

  test('who called PutParameter or DeleteParameter(s) on /ar/mode is recorded in the audit log (CloudTrail events)', () => {
    const rule = core.toJSON().Resources[ruleId(/who called Systems Manager/)].Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.ssm'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['ssm.amazonaws.com'],
        eventName: ['PutParameter', 'DeleteParameter', 'DeleteParameters', 'LabelParameterVersion'],
        $or: [{ requestParameters: { name: ['/ar/mode'] } }, { requestParameters: { names: ['/ar/mode'] } }],
      },
    });
    expect(rule.Targets).toHaveLength(1);
    expect(JSON.stringify(rule.Targets[0].Arn)).toMatch(/:log-group:",\{"Ref":"KillSwitchWatchAuditLog\w+"\}/);
  });

  test('the audit log is KMS-encrypted, retained, and writable by EventBridge on its own streams only', () => {
    const [, group] = only(Object.fromEntries(Object.entries(core.findResources('AWS::Logs::LogGroup')).filter(([id]) => id.startsWith('KillSwitchWatchAuditLog'))));
    expect(group).toMatchObject({ Properties: { KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^TopicsKey/), 'Arn'] } }, DeletionPolicy: 'Retain' });
    const [, policy] = only(core.findResources('AWS::Logs::ResourcePolicy'));
    const doc = JSON.stringify(policy);
    expect(doc).toContain('events.amazonaws.com');
    expect(doc).toContain('logs:PutLogEvents');
    expect(doc).toMatch(/KillSwitchWatchAuditLog\w*","Arn"/);
  });

  test('only the change rule may publish to the escalation topic on behalf of EventBridge (aws:SourceArn)', () => {
    const policies = Object.values(core.findResources('AWS::SNS::TopicPolicy')) as Array<{ Properties: { PolicyDocument: { Statement: Statement[] } } }>;
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement).filter((s) => JSON.stringify(s.Principal ?? {}).includes('events.amazonaws.com'));
    expect(statements).toHaveLength(1);
    expect(statements[0].Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId(/a change of the kill switch/), 'Arn'] } } });
  });

  test('an event EventBridge could not deliver lands in a queue that an alarm watches, to people', () => {
    const [, alarm] = only(core.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'ar-kill-switch-undelivered' } }));
    expect(alarm).toMatchObject({ Properties: { AlarmActions: [{ Ref: expect.stringMatching(/^Topicsescalations/) }], MetricName: 'ApproximateNumberOfMessagesVisible' } });
  });
});

describe('the alert key policy', () => {
  const bySid = (sid: string) => {
    const found = keyStatements().find((s) => s.Sid === sid);
    if (!found) throw new Error(`no key statement ${sid}`);
    return found;
  };

  test('CloudWatch may use it only for alarms of this account named with the prefix', () => {
    const s = bySid('AllowCloudWatchAlarmsToPublishToEncryptedTopics');
    expect(s.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect(s.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(JSON.stringify(s.Condition?.ArnLike?.['aws:SourceArn'])).toMatch(/:cloudwatch:us-east-1:.*:alarm:ar-\*/);
  });

  test('CloudWatch Logs of the region may use it only for log groups of this account and region (encryption context)', () => {
    const s = bySid('AllowCloudWatchLogsToEncryptTheDeploymentsLogGroups');
    expect(s.Principal).toEqual({ Service: 'logs.us-east-1.amazonaws.com' });
    expect(JSON.stringify(s.Condition?.ArnLike?.['kms:EncryptionContext:aws:logs:arn'])).toMatch(/:logs:us-east-1:.*:log-group:\*/);
  });

  test('EventBridge may use it for the encrypted escalation topic, without the source conditions SNS does not support for it', () => {
    const s = bySid('AllowEventBridgeToPublishToEncryptedTopics');
    expect(s.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(s.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(s.Condition).toBeUndefined();
  });
});
