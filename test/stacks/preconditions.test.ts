import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { configWith } from '../helpers/config';
import { alarmsByName, resourcesOfType, synthesize, type SynthesizedApp } from '../helpers/synth';
import { VARIANTS } from '../helpers/variants';

let synth: SynthesizedApp;

beforeAll(() => {
  synth = synthesize(configWith({ systems: [VARIANTS] }), { validateTemplates: false });
});

describe('alarms whose metric exists only when something outside the app is on', () => {
  test('no daily-cost alarm where billing alerts are off, and synth says what to enable', () => {
    const alarms = alarmsByName(synth.templates);
    expect(alarms.has('ar-variants-daily-cost-on')).toBe(true);
    expect(alarms.has('ar-variants-daily-cost-off')).toBe(false);
    const stack = synth.stackByName.get('ar-variants');
    if (!stack) throw new Error('no ar-variants stack');
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('alarmWithheld'));
    expect(warnings.map((w) => String(w.entry.data))).toEqual([
      expect.stringMatching(/^No daily-cost alarm for billing "off" \(ar-variants-daily-cost-off\): .*Receive Billing Alerts.*"billingAlerts": true/),
    ]);
  });

  test('ecs-service-down without Container Insights: AWS/ECS CPUUtilization samples < 1, missing data breaching', () => {
    expect(alarmsByName(synth.templates).get('ar-variants-ecs-service-down-without-insights')?.props).toMatchObject({
      Namespace: 'AWS/ECS',
      MetricName: 'CPUUtilization',
      Statistic: 'SampleCount',
      Dimensions: [
        { Name: 'ClusterName', Value: 'c1' },
        { Name: 'ServiceName', Value: 'without-insights' },
      ],
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  test('ecs-service-down with Container Insights: RunningTaskCount', () => {
    expect(alarmsByName(synth.templates).get('ar-variants-ecs-service-down-with-insights')?.props).toMatchObject({
      Namespace: 'ECS/ContainerInsights',
      MetricName: 'RunningTaskCount',
      Statistic: 'Minimum',
    });
  });
});

describe('log groups that metric filters read', () => {
  type Ensure = { LogGroups: Array<{ Name: string; RetentionInDays: number; Owned: string }> };

  test('exist before each filter: the filter depends on the stack’s Custom::EnsureLogGroups, which names its group', () => {
    const filters = resourcesOfType(synth.templates, 'AWS::Logs::MetricFilter').filter((f) => f.stack === 'ar-variants');
    expect(filters.map((f) => f.resource.Properties?.LogGroupName).sort()).toEqual([
      '/aws/lambda/aliased-fn',
      '/aws/lambda/aliased-fn',
      '/aws/lambda/aliased-fn',
      '/aws/lambda/plain-fn',
      '/aws/lambda/plain-fn',
      '/aws/lambda/plain-fn',
      '/variants/audit',
    ]);
    const template = synth.templates.get('ar-variants')?.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[]; Properties: Ensure }>;
    const [ensureId, ...others] = Object.keys(template).filter((id) => template[id].Type === 'Custom::EnsureLogGroups');
    expect(others).toEqual([]);
    expect(template[ensureId].Properties.LogGroups).toEqual(
      ['/aws/lambda/plain-fn', '/aws/lambda/aliased-fn', '/variants/audit'].map((Name) => ({ Name, RetentionInDays: 90, Owned: 'false' })),
    );
    for (const f of filters) expect(template[f.id].DependsOn).toContain(ensureId);
  });

  test('the provider may create and set retention on exactly those groups, nothing else', () => {
    const policies = resourcesOfType(synth.templates, 'AWS::IAM::Policy').filter((p) => p.stack === 'ar-variants' && p.id.includes('LogGroupsProviderRole'));
    const statements = policies.flatMap((p) => (p.resource.Properties?.PolicyDocument as { Statement: Array<{ Action: string | string[]; Resource: unknown }> }).Statement);
    const create = statements.find((s) => JSON.stringify(s.Action).includes('logs:CreateLogGroup'));
    expect(create?.Action).toEqual(['logs:CreateLogGroup', 'logs:PutRetentionPolicy']);
    const arns = (create?.Resource as unknown[]).map((r) => JSON.stringify(r).replace(/.*log-group:/, '').replace(/"\]\]\}$/, ''));
    expect(arns.sort()).toEqual(['/aws/lambda/aliased-fn', '/aws/lambda/aliased-fn:*', '/aws/lambda/plain-fn', '/aws/lambda/plain-fn:*', '/variants/audit', '/variants/audit:*']);
  });
});
