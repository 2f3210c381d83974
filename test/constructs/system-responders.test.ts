import { NAG_PACKS } from '../helpers/nag';
import { Match } from 'aws-cdk-lib/assertions';
import { decodeTargets, type Severity } from '../../lib/catalogue';
import { systemCaps, type DeploymentPlan, type PlannedResponder } from '../../lib/deployment';
import { responderFunctionName } from '../../lib/constructs/private/responder-names';
import { buildResponderStack, defaultPlan, type ResponderTestStack } from './responder-test-stack';

type Resource = { Properties: Record<string, unknown> };
const values = (o: { [id: string]: { [key: string]: unknown } }): Resource[] =>
  Object.values(o).map((r) => ({ Properties: (r.Properties ?? {}) as Record<string, unknown> }));

let plan: DeploymentPlan;
let t: ResponderTestStack;
let responders: PlannedResponder[];

beforeAll(() => {
  plan = defaultPlan();
  t = buildResponderStack(plan);
  responders = plan.systems.flatMap((s) => s.responders);
});

const nameOf = (r: PlannedResponder) => responderFunctionName(plan.config.prefix, r.system, r.family);
const responder = (system: string, family: string) => {
  const found = responders.find((r) => r.system === system && r.family === family);
  if (!found) throw new Error(`no ${family} responder planned for ${system}`);
  return found;
};
const functionId = (name: string) => Object.keys(t.template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: name } }))[0];
const subscriptionsOf = (name: string) =>
  values(t.template.findResources('AWS::SNS::Subscription', { Properties: { Endpoint: { 'Fn::GetAtt': [functionId(name), 'Arn'] } } }));
const topicRefs = (name: string) => subscriptionsOf(name).map((s) => (s.Properties.TopicArn as { Ref: string }).Ref).sort();
const envOf = (name: string) => {
  const [fn] = values(t.template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: name } }));
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
};

describe('SystemResponders functions', () => {
  test('every planned responder is one arm64 Node.js 24 function with tracing, its DLQ, retries and log group', () => {
    expect(responders.length).toBeGreaterThanOrEqual(20);
    for (const r of responders) {
      t.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: nameOf(r),
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 256,
        Timeout: 60,
        ReservedConcurrentExecutions: 5,
        Handler: 'index.handler',
        DeadLetterConfig: { TargetArn: Match.anyValue() },
        LoggingConfig: { LogGroup: Match.anyValue() },
      });
      t.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId(nameOf(r)) },
        MaximumRetryAttempts: 2,
      });
    }
    expect(t.responders.get('rung')?.functions.get('lambda')).toBeDefined();
  });

  test('uses no managed policy: roles carry inline statements only', () => {
    for (const role of values(t.template.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('log groups keep the configured retention; dead-letter queues are encrypted, TLS-only, kept 14 days', () => {
    const groups = values(t.template.findResources('AWS::Logs::LogGroup')).filter((g) => g.Properties.RetentionInDays !== undefined);
    expect(groups.filter((g) => g.Properties.RetentionInDays === plan.config.logRetentionDays).length).toBeGreaterThanOrEqual(responders.length);
    // The verification queue belongs to the test stack, not to the responders.
    const mine = (type: string) => Object.entries(t.template.findResources(type)).filter(([id]) => !id.startsWith('VerifyQueue')).map(([, r]) => r);
    const queues = mine('AWS::SQS::Queue');
    // Two per system, shared by its responders.
    const systems = new Set(responders.map((r) => r.system)).size;
    expect(queues).toHaveLength(2 * systems);
    for (const q of queues) expect(q.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600 });
    // Failed invocations: the topic key, like the log groups; undelivered notifications: SQS-managed SSE, which SNS can write without a key grant.
    expect(queues.filter((q) => q.Properties.KmsMasterKeyId !== undefined)).toHaveLength(systems);
    expect(queues.filter((q) => q.Properties.SqsManagedSseEnabled === true)).toHaveLength(systems);
    // The test stack's own stand-in for the remediation log is not the responders'.
    const responderGroups = Object.entries(t.template.findResources('AWS::Logs::LogGroup')).filter(([id]) => id.startsWith('Responders')).map(([, g]) => g);
    expect(responderGroups.length).toBeGreaterThanOrEqual(responders.length);
    for (const g of responderGroups) expect(g.Properties.KmsKeyId).toBeDefined();
    expect(mine('AWS::SQS::QueuePolicy').length).toBe(2 * systems);
  });

  test('environment: prefix, system, family, base caps, targets that decode, guardrails, mode parameter, Powertools', () => {
    const r = responder('rung', 'lambda');
    const env = envOf(nameOf(r));
    const rung = plan.systems.find((s) => s.id === 'rung');
    if (!rung) throw new Error('rung is not in the default configuration');
    const caps = systemCaps(plan.config, rung.config);
    expect(env).toMatchObject({
      AR_PREFIX: 'ar',
      AR_SYSTEM: 'rung',
      AR_FAMILY: 'lambda',
      AR_CAPS: JSON.stringify(caps),
      AR_GUARDRAILS: JSON.stringify(plan.config.guardrails),
      AR_ALLOWED_REGIONS: 'us-east-1',
      AR_MODE_PARAMETER: '/ar/mode',
      AR_REMEDIATION_LOG_GROUP: { Ref: expect.stringContaining('RemediationLog') },
      AR_ESCALATION_TOPIC_ARN: { Ref: t.topicIds.escalation },
      POWERTOOLS_SERVICE_NAME: 'alert-responder-rung-lambda',
      POWERTOOLS_METRICS_NAMESPACE: 'AlertResponder',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    const targets = decodeTargets(String(env.AR_TARGETS), caps, 'rung');
    expect(targets.get('rung-api-prod')?.props).toMatchObject({ name: 'rung-api-prod', alias: 'prod' });
  });
});

describe('SystemResponders subscriptions', () => {
  test('each responder subscribes with a message-body filter on its alarm-name prefixes and a redrive policy', () => {
    for (const r of responders) {
      const expected = r.filter.map((f) => (typeof f === 'string' ? f : { prefix: f.prefix }));
      const subs = subscriptionsOf(nameOf(r));
      expect(subs.length).toBeGreaterThan(0);
      for (const s of subs) {
        expect(s.Properties).toMatchObject({ Protocol: 'lambda', FilterPolicyScope: 'MessageBody', FilterPolicy: { AlarmName: expected } });
        expect(s.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [expect.stringContaining('DeliveryDeadLetterQueue'), 'Arn'] } });
      }
    }
    const rung = subscriptionsOf(nameOf(responder('rung', 'lambda')));
    expect(rung[0].Properties.FilterPolicy).toEqual({ AlarmName: expect.arrayContaining([{ prefix: 'ar-rung-high-latency-' }]) });
  });

  test('subscribes to the topic of each severity it handles, us-east-1 topics for us-east-1-only metrics', () => {
    for (const r of responders) {
      const expected = new Set(r.alarms.map((a) => (a.usEast1 ? t.topicIds.usEast1 : t.topicIds.severity)[a.severity as Severity]));
      expect(topicRefs(nameOf(r))).toEqual([...expected].sort());
    }
    expect(topicRefs(nameOf(responder('healthhub', 'cloudFront')))).toEqual([t.topicIds.usEast1.P1]);
    expect(topicRefs(nameOf(responder('rung', 'rds')))).toEqual([t.topicIds.severity.P0]);
    expect(envOf(nameOf(responder('healthhub', 'cloudFront'))).AR_ALLOWED_REGIONS).toBe('us-east-1');
  });

  test('SNS may invoke each function only from the topics it subscribes to', () => {
    for (const r of responders) {
      const perms = values(t.template.findResources('AWS::Lambda::Permission', { Properties: { FunctionName: { 'Fn::GetAtt': [functionId(nameOf(r)), 'Arn'] } } }));
      expect(perms.map((p) => (p.Properties.SourceArn as { Ref: string }).Ref).sort()).toEqual(topicRefs(nameOf(r)));
      for (const p of perms) expect(p.Properties.Principal).toBe('sns.amazonaws.com');
    }
  });
});

describe('SystemResponders self-monitoring', () => {
  const kinds = ['errors', 'throttles', 'dlq', 'delivery-dlq', 'lost-records', 'kill-switch-unreadable', 'unsigned-records'];

  test('seven alarms per system, named <prefix>-<system>-responder-<what>, to the escalation topic only', () => {
    const alarms = values(t.template.findResources('AWS::CloudWatch::Alarm'));
    const systems = [...new Set(responders.map((r) => r.system))];
    expect(alarms).toHaveLength(kinds.length * systems.length);
    for (const system of systems) {
      for (const what of kinds) {
        t.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          AlarmName: `ar-${system}-responder-${what}`,
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 0,
          AlarmActions: [{ Ref: t.topicIds.escalation }],
          OKActions: [{ Ref: t.topicIds.escalation }],
        });
      }
    }
  });

  test('the errors alarm of a system adds up the errors of every one of its responders, a quiet one counting 0', () => {
    for (const system of [...new Set(responders.map((r) => r.system))]) {
      const mine = responders.filter((r) => r.system === system);
      const [alarm] = values(t.template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: `ar-${system}-responder-errors` } }));
      const metrics = alarm.Properties.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: Array<{ Value: { Ref: string } }> } } }>;
      expect(metrics[0].Expression).toBe(mine.map((_, i) => `FILL(m${i}, 0)`).join(' + '));
      const watched = metrics.slice(1).map((m) => m.MetricStat?.Metric.Dimensions[0].Value.Ref).sort();
      expect(watched).toEqual(mine.map((r) => functionId(nameOf(r))).sort());
    }
  });

  test('the kill-switch alarm of a system fires on the first KillSwitchUnreadable any of its responders counts in a minute, to people', () => {
    for (const system of [...new Set(responders.map((r) => r.system))]) {
      const mine = responders.filter((r) => r.system === system);
      const [alarm] = values(t.template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: `ar-${system}-responder-kill-switch-unreadable` } }));
      expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: t.topicIds.escalation }]);
      const metrics = alarm.Properties.Metrics as Array<{ Expression?: string; MetricStat?: { Metric: { Namespace: string; MetricName: string; Dimensions: Array<{ Name: string; Value: string }> }; Period: number; Stat: string } }>;
      expect(metrics[0].Expression).toBe(mine.map((_, i) => `FILL(m${i}, 0)`).join(' + '));
      // The dimension the responders' Powertools metrics carry: their POWERTOOLS_SERVICE_NAME.
      const services = metrics.slice(1).map((m) => {
        expect(m.MetricStat).toMatchObject({ Metric: { Namespace: 'AlertResponder', MetricName: 'KillSwitchUnreadable' }, Period: 60, Stat: 'Sum' });
        return m.MetricStat?.Metric.Dimensions.find((d) => d.Name === 'service')?.Value;
      });
      expect(services.sort()).toEqual(mine.map((r) => `alert-responder-${system}-${r.family}`).sort());
    }
  });

  test('the responders of a system share one dead-letter queue for failed invocations and one for undelivered notifications', () => {
    const targets = new Set(responders.map((r) => JSON.stringify(t.template.toJSON().Resources[functionId(nameOf(r))].Properties.DeadLetterConfig)));
    const systems = new Set(responders.map((r) => r.system));
    expect(targets.size).toBe(systems.size);
  });

  test("no responder's filter matches a self-monitoring alarm name", () => {
    const names = values(t.template.findResources('AWS::CloudWatch::Alarm')).map((a) => String(a.Properties.AlarmName));
    for (const r of responders) {
      for (const f of r.filter) {
        for (const name of names) expect(typeof f === 'string' ? name === f : name.startsWith(f.prefix)).toBe(false);
      }
    }
  });
});

describe('cdk-nag', () => {
  test.each(NAG_PACKS)('%s reports no unacknowledged finding on the responders', (_, pack) => {
    const report = pack().validateScope(t.stack);
    const mine = report.violations
      .map((v) => ({ rule: v.ruleName, paths: v.violatingResources.map((r) => r.constructPath).filter((p): p is string => p?.includes('/Responders-') === true) }))
      .filter((v) => v.paths.length > 0);
    expect(mine).toEqual([]);
  });
});
