import { STACK_TAG_KEYS } from '../../lib/constructs/alert-alarms';
import { parseAlarmName } from '../../lib/catalogue';
import { escalationTopicName, severityTopicName } from '../../lib/catalogue';
import type { PlannedAlarm } from '../../lib/deployment';
import { alarmsByName, resourcesOfType, synthesize, topicNameOf, type SynthesizedApp } from '../helpers/synth';

let synth: SynthesizedApp;
let alarms: ReturnType<typeof alarmsByName>;
let planned: PlannedAlarm[];

beforeAll(() => {
  synth = synthesize();
  alarms = alarmsByName(synth.templates);
  planned = synth.plan.systems.flatMap((s) => [...s.alarms]);
});

function alarm(name: string): Record<string, unknown> {
  const found = alarms.get(name);
  if (!found) throw new Error(`no alarm ${name}; have ${[...alarms.keys()].filter((n) => n.startsWith(name.slice(0, 12))).join(', ')}`);
  return found.props;
}

function regionOf(stackName: string): string {
  const stack = synth.stackByName.get(stackName);
  if (!stack) throw new Error(`no stack ${stackName}`);
  return stack.region;
}

describe('alarms of the default configuration', () => {
  test('every planned alarm exists exactly once, and every other alarm name reads back as no alert kind', () => {
    const names = planned.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(alarms.has(name)).toBe(true);
    const others = [...alarms.keys()].filter((n) => !names.includes(n));
    for (const name of others) expect({ name, parsed: parseAlarmName(name, 'ar') }).toEqual({ name, parsed: undefined });
  });

  test('every planned alarm notifies exactly its severity topic, on ALARM and on OK', () => {
    for (const a of planned) {
      const { stack, props } = alarms.get(a.name) ?? { stack: '', props: {} };
      const expected = [severityTopicName('ar', a.severity)];
      const names = (list: unknown) => (list as unknown[]).map((action) => topicNameOf(action, stack, synth.templates));
      expect({ name: a.name, alarm: names(props.AlarmActions), ok: names(props.OKActions) }).toEqual({ name: a.name, alarm: expected, ok: expected });
    }
  });

  test('alarms that are not planned (the responders’ own) notify people through the escalation topic', () => {
    const plannedNames = new Set(planned.map((a) => a.name));
    const others = [...alarms.entries()].filter(([name]) => !plannedNames.has(name));
    expect(others.length).toBeGreaterThan(0);
    for (const [, { stack, props }] of others) {
      const targets = (props.AlarmActions as unknown[]).map((action) => topicNameOf(action, stack, synth.templates));
      expect(targets).toEqual([escalationTopicName('ar')]);
    }
  });

  test('synth warns about nothing: every alarm’s preconditions hold for the default configuration', () => {
    expect(synth.plan.systems.flatMap((s) => s.withheld)).toEqual([]);
    // The assembly of the synth above, with every stack's messages.
    const warnings = synth.app.synth().stacks.flatMap((s) => s.messages.filter((m) => m.level === 'warning').map((m) => `${s.stackName}: ${String(m.entry.data)}`));
    expect(warnings).toEqual([]);
  });

  test('stacks carry the deployment and system tags, which CloudFormation puts on their alarms; alarms carry none of their own', () => {
    for (const stack of synth.stacks.all) expect(stack.tags.tagValues()).toMatchObject({ [STACK_TAG_KEYS.deployment]: 'ar' });
    for (const { system, alarmStacks } of synth.stacks.systems) {
      for (const stack of alarmStacks) expect(stack.tags.tagValues()).toEqual({ [STACK_TAG_KEYS.deployment]: 'ar', [STACK_TAG_KEYS.system]: system.id });
    }
    expect(alarm('ar-healthhub-dynamodb-throttling-HealthHub-Users-Production').Tags).toBeUndefined();
  });

  test('telehealth-crm high-latency: App Runner RequestLatency p95 > 500 ms over 2 × 300 s', () => {
    expect(alarm('ar-telehealth-crm-high-latency-telehealth-crm-api')).toMatchObject({
      Namespace: 'AWS/AppRunner',
      MetricName: 'RequestLatency',
      ExtendedStatistic: 'p95',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 500,
      Period: 300,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
  });

  test('telehealth-crm api-down: health check status < 1 over 2 × 60 s, in us-east-1, on an HTTPS health check', () => {
    const { stack, props } = alarms.get('ar-telehealth-crm-api-down-api-health') ?? { stack: '', props: {} };
    expect(regionOf(stack)).toBe('us-east-1');
    expect(props).toMatchObject({ Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', Statistic: 'Minimum', ComparisonOperator: 'LessThanThreshold', Threshold: 1, Period: 60, EvaluationPeriods: 2, TreatMissingData: 'breaching' });
    const checks = resourcesOfType(synth.templates, 'AWS::Route53::HealthCheck').filter((c) => c.stack === stack);
    expect(checks.map((c) => c.resource.Properties?.HealthCheckConfig)).toContainEqual(
      expect.objectContaining({ Type: 'HTTPS', FullyQualifiedDomainName: 'api.telehealth-crm.example.com', Port: 443, ResourcePath: '/health', RequestInterval: 30, FailureThreshold: 3 }),
    );
    expect(props.Dimensions).toEqual([{ Name: 'HealthCheckId', Value: { Ref: expect.stringContaining('HealthCheck') } }]);
  });

  test('rung high-latency: p95 > 5000 ms on the API and on the function', () => {
    for (const name of ['ar-rung-high-latency-rung-api', 'ar-rung-high-latency-rung-api-prod']) {
      expect(alarm(name)).toMatchObject({ ExtendedStatistic: 'p95', Threshold: 5000, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  test('rung security-violation: a metric filter for IsolationViolation on /rung/security/prod feeds the alarm', () => {
    const filters = resourcesOfType(synth.templates, 'AWS::Logs::MetricFilter').map((f) => f.resource.Properties ?? {});
    const filter = filters.find((f) => f.LogGroupName === '/rung/security/prod');
    expect(filter).toMatchObject({ FilterPattern: 'IsolationViolation', MetricTransformations: [{ MetricNamespace: 'AlertResponder/ar', MetricValue: '1' }] });
    const metricName = (filter?.MetricTransformations as Array<{ MetricName: string }>)[0].MetricName;
    expect(alarm('ar-rung-security-violation-security')).toMatchObject({ Namespace: 'AlertResponder/ar', MetricName: metricName, Statistic: 'Sum', Threshold: 0 });
  });

  test('hlekkr queue-depth: Hlekkr/ReviewWorkflow QueueDepth Average > 100 over 2 × 300 s', () => {
    expect(alarm('ar-hlekkr-queue-depth-review-queue')).toMatchObject({
      Namespace: 'Hlekkr/ReviewWorkflow',
      MetricName: 'QueueDepth',
      Statistic: 'Average',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 100,
      Period: 300,
      EvaluationPeriods: 2,
    });
  });

  test('hlekkr high-error-rate: metric math of errors over invocations, threshold 1 %', () => {
    const a = alarm('ar-hlekkr-high-error-rate-hlekkr-prod-media-upload');
    expect(a.Threshold).toBe(1);
    expect(a.Metrics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Expression: '100 * errors / invocations', ReturnData: true }),
        expect.objectContaining({ Id: 'errors', MetricStat: expect.objectContaining({ Stat: 'Sum', Period: 300 }) }),
      ]),
    );
  });

  test.each([
    ['ai-lifestyle-app', 'ai-lifestyle-app-goals-prod'],
    ['healthhub', 'HealthHub-Users-Production'],
  ])('%s DynamoDB throttling on %s: any throttled read or write (> 0)', (system, table) => {
    const a = alarm(`ar-${system}-dynamodb-throttling-${table}`);
    expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(JSON.stringify(a.Metrics)).toContain('ReadThrottleEvents');
    expect(JSON.stringify(a.Metrics)).toContain('WriteThrottleEvents');
    expect(JSON.stringify(a.Metrics)).toContain(`"Value":"${table}"`);
  });

  test('each planned alarm takes its threshold, periods and missing-data treatment from the plan', () => {
    for (const a of planned) {
      const props = alarm(a.name);
      expect({ name: a.name, t: props.Threshold, c: props.ComparisonOperator, e: props.EvaluationPeriods, d: props.DatapointsToAlarm, m: props.TreatMissingData }).toEqual({
        name: a.name,
        t: a.threshold,
        c: a.comparison,
        e: a.evaluationPeriods,
        d: a.datapointsToAlarm,
        m: a.treatMissingData,
      });
    }
  });
});
