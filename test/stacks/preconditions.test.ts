import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { configWith } from '../helpers/config';
import { alarmsByName, synthesize, type SynthesizedApp } from '../helpers/synth';
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
