import { Match, type Template } from 'aws-cdk-lib/assertions';
import { SEVERITY_IDS, severityTopicName } from '../../lib/catalogue';
import { remediationLogGroupName } from '../../lib/constructs/remediation-log';
import { REMEDIATION_QUERIES, REMEDIATION_QUERY_IDS, remediationQueryName } from '../../lib/constructs/remediation-queries';
import { dashboardWidgets } from '../constructs/dashboard-body';
import { synthesize, type SynthesizedApp } from '../helpers/synth';

let synth: SynthesizedApp;
let core: Template;

beforeAll(() => {
  synth = synthesize();
  const template = synth.templates.get('ar-core');
  if (!template) throw new Error('no ar-core stack');
  core = template;
});

/** The key of the topics and the log (the other key, the record key, is an HMAC key: record-key.test.ts). */
function keyLogicalId(): string {
  const keys = Object.entries(core.findResources('AWS::KMS::Key')).filter(([, k]) => (k as { Properties: { KeySpec?: string } }).Properties.KeySpec === undefined);
  expect(keys).toHaveLength(1);
  return keys[0][0];
}

/** The custom resource that creates (or adopts) the remediation log, and its entry for the group. */
function remediationLogResource(): { logicalId: string; group: Record<string, unknown> } {
  const found = Object.entries(core.findResources('Custom::EnsureLogGroups')).flatMap(([logicalId, r]) =>
    ((r as { Properties: { LogGroups: Array<Record<string, unknown>> } }).Properties.LogGroups ?? [])
      .filter((g) => g.Name === remediationLogGroupName('ar'))
      .map((group) => ({ logicalId, group })),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

function topicLogicalId(name: string): string {
  const [id] = Object.keys(core.findResources('AWS::SNS::Topic', { Properties: { TopicName: name } }));
  if (!id) throw new Error(`no topic ${name}`);
  return id;
}

describe('core stack', () => {
  test('is in the configured region', () => {
    expect(synth.stacks.core.region).toBe(synth.plan.config.region);
  });

  test('has a customer-managed key with rotation that CloudWatch, SNS and CloudWatch Logs may use', () => {
    core.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
          Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
          Match.objectLike({
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  test.each(SEVERITY_IDS)('the %s topic is named after its severity and encrypted with the key', (severity) => {
    core.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: severityTopicName('ar', severity),
      KmsMasterKeyId: { 'Fn::GetAtt': [keyLogicalId(), 'Arn'] },
    });
  });

  test('topic names are the runbook names', () => {
    const names = Object.values(core.findResources('AWS::SNS::Topic')).map((t) => (t as { Properties: { TopicName: string } }).Properties.TopicName);
    expect(names.sort()).toEqual(['ar-critical-alerts', 'ar-escalations', 'ar-high-alerts', 'ar-medium-alerts']);
  });

  test.each(SEVERITY_IDS)('only this account’s CloudWatch alarms may publish to the %s topic, over TLS', (severity) => {
    const topic = topicLogicalId(severityTopicName('ar', severity));
    core.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', Match.arrayWith([':alarm:ar-*'])] } },
            },
          }),
          Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sns:Publish', Condition: { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }),
        ]),
      },
    });
    // No statement allows anyone but CloudWatch.
    const policies = Object.values(core.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [{ Ref: topic }] } }));
    const allows = policies.flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Array<{ Effect: string; Principal: unknown }> } } }).Properties.PolicyDocument.Statement).filter((s) => s.Effect === 'Allow');
    expect(allows.map((s) => s.Principal)).toEqual([{ Service: 'cloudwatch.amazonaws.com' }]);
  });

  test('the escalation topic has the configured e-mail subscribers, with a dead-letter queue', () => {
    core.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: topicLogicalId('ar-escalations') },
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue() },
    });
  });

  test('the remediation log keeps the configured retention and is encrypted with the key, on every deploy', () => {
    expect(remediationLogResource().group).toEqual({
      Name: remediationLogGroupName('ar'),
      RetentionInDays: synth.plan.config.logRetentionDays,
      KmsKeyArn: { 'Fn::GetAtt': [keyLogicalId(), 'Arn'] },
      Owned: 'true',
    });
    // No CloudFormation log group of that name: a retained one would block the next deploy after `cdk destroy`.
    expect(Object.keys(core.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: remediationLogGroupName('ar') } }))).toEqual([]);
  });

  test('the mode parameter (kill switch) starts at the configured mode', () => {
    core.hasResourceProperties('AWS::SSM::Parameter', { Name: '/ar/mode', Type: 'String', Value: synth.plan.config.guardrails.initialMode });
  });

  test('the dashboard shows every planned alarm, by ARN, grouped by severity', () => {
    const dashboards = Object.values(core.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]);
    for (const system of synth.plan.systems) for (const alarm of system.alarms) expect(body).toContain(`:alarm:${alarm.name}`);
    for (const severity of SEVERITY_IDS) expect(body).toContain(`${severity} `);
  });

  test('the saved Logs Insights queries run on the remediation log, under alert-responder/ar/', () => {
    const definitions = Object.values(core.findResources('AWS::Logs::QueryDefinition')) as Array<{ Properties: { Name: string; QueryString: string; LogGroupNames: unknown[] } }>;
    expect(definitions.map((d) => d.Properties.Name).sort()).toEqual(REMEDIATION_QUERY_IDS.map((q) => remediationQueryName('ar', q)).sort());
    for (const d of definitions) expect(d.Properties.LogGroupNames).toEqual([remediationLogGroupName('ar')]);
    // Created once the group exists.
    const { logicalId } = remediationLogResource();
    for (const d of Object.values(core.findResources('AWS::Logs::QueryDefinition'))) expect((d as { DependsOn?: string[] }).DependsOn).toContain(logicalId);
  });

  test('the dashboard shows what the responders did from the remediation log, above the alarms', () => {
    const widgets = dashboardWidgets(core);
    const logs = widgets.filter((w) => w.type === 'log');
    expect(logs.length).toBeGreaterThanOrEqual(4);
    for (const w of logs) expect(w.properties.query?.startsWith(`SOURCE '${remediationLogGroupName('ar')}' | `)).toBe(true);
    const queries = logs.map((w) => w.properties.query?.replace(/^SOURCE '[^']*' \| /, ''));
    for (const id of ['recordsByDecision', 'failureCounts', 'duration', 'latestRecords'] as const) expect(queries).toContain(REMEDIATION_QUERIES[id].query.toString());
    const firstAlarm = widgets.findIndex((w) => w.type === 'alarm');
    expect(firstAlarm).toBeGreaterThan(widgets.indexOf(logs[logs.length - 1]));
    expect(Math.max(...logs.map((w) => w.y + w.height))).toBeLessThanOrEqual(widgets[firstAlarm].y);
  });

  test('the dashboard graphs the very metric the failed-records filter publishes', () => {
    const filters = Object.values(core.findResources('AWS::Logs::MetricFilter')) as Array<{ Properties: { MetricTransformations: Array<{ MetricNamespace: string; MetricName: string }> } }>;
    const failed = filters.flatMap((f) => f.Properties.MetricTransformations).find((m) => m.MetricName === 'FailedRecords');
    if (!failed) throw new Error('no FailedRecords metric filter');
    const graph = dashboardWidgets(core).find((w) => w.type === 'metric' && w.properties.title === 'Failed records');
    expect(graph?.properties.metrics).toEqual([[failed.MetricNamespace, failed.MetricName, { stat: 'Sum' }]]);
  });
});
