import { loadConfig, parseConfig } from '../../lib/config/load';
import { severityTopicName } from '../../lib/catalogue';
import { nagFindings } from '../helpers/nag';
import { DEFAULT_CONFIG_PATH, alarmsByName, resourcesOfType, synthesize, topicNameOf, type SynthesizedApp } from '../helpers/synth';

/** The default systems deployed to eu-west-1 with an account: us-east-1-only alarms move to their own stacks. */
let synth: SynthesizedApp;

beforeAll(() => {
  const config = loadConfig(DEFAULT_CONFIG_PATH);
  synth = synthesize(parseConfig({ ...config, region: 'eu-west-1', account: '123456789012' }));
});

describe('a deployment outside us-east-1', () => {
  test('has a global stack in us-east-1 with its own key and the same topic names', () => {
    const global = synth.stacks.global;
    expect(global?.stackName).toBe('ar-global');
    expect(global?.region).toBe('us-east-1');
    const template = synth.templates.get('ar-global');
    template?.resourceCountIs('AWS::KMS::Key', 1);
    for (const severity of ['P0', 'P1', 'P2'] as const) template?.hasResourceProperties('AWS::SNS::Topic', { TopicName: severityTopicName('ar', severity) });
  });

  test('every stack has the configured account, and the home region or us-east-1', () => {
    for (const stack of synth.stacks.all) {
      expect(stack.account).toBe('123456789012');
      expect(['eu-west-1', 'us-east-1']).toContain(stack.region);
    }
  });

  test('us-east-1-only alarms live in per-system us-east-1 stacks and notify the us-east-1 topics', () => {
    const alarms = alarmsByName(synth.templates);
    const east = synth.plan.systems.flatMap((s) => s.alarms.filter((a) => a.usEast1));
    expect(east.map((a) => a.kind.id).sort()).toEqual(['api-down', 'api-down', 'daily-cost', 'frontend-errors']);
    for (const a of east) {
      const found = alarms.get(a.name);
      expect(found?.stack).toBe(`ar-${a.system}-us-east-1`);
      expect(synth.stackByName.get(found?.stack ?? '')?.region).toBe('us-east-1');
      const topics = (found?.props.AlarmActions as unknown[]).map((x) => topicNameOf(x, found?.stack ?? '', synth.templates));
      expect(topics).toEqual([severityTopicName('ar', a.severity)]);
    }
    for (const a of synth.plan.systems.flatMap((s) => s.alarms.filter((x) => !x.usEast1))) {
      expect(synth.stackByName.get(alarms.get(a.name)?.stack ?? '')?.region).toBe('eu-west-1');
    }
  });

  test('health checks are created next to their alarms, in us-east-1', () => {
    const checks = resourcesOfType(synth.templates, 'AWS::Route53::HealthCheck');
    expect(checks.map((c) => c.stack).sort()).toEqual(['ar-healthhub-us-east-1', 'ar-telehealth-crm-us-east-1']);
  });

  test('no stack references another region: us-east-1 topics are imported by ARN', () => {
    for (const [name, template] of synth.templates) {
      const region = synth.stackByName.get(name)?.region;
      const json = JSON.stringify(template.toJSON());
      for (const other of synth.stacks.all.filter((s) => s.region !== region)) {
        expect({ name, imports: json.includes(`"Fn::ImportValue":"${other.stackName}:`) }).toEqual({ name, imports: false });
      }
      expect(json).not.toContain('Custom::CrossRegionExportReader');
    }
    const telehealth = JSON.stringify(synth.templates.get('ar-telehealth-crm')?.toJSON());
    expect(telehealth).toContain(':sns:us-east-1:123456789012:ar-critical-alerts');
  });

  test('cdk-nag (AwsSolutions, Serverless) finds nothing unacknowledged in any stack', () => {
    expect(nagFindings(synth.stacks.all)).toEqual({});
  });

  test('the global and core stacks deploy before the stacks that use them', () => {
    for (const { stack, alarmStacks } of synth.stacks.systems) {
      const deps = stack.dependencies.map((d) => d.stackName);
      expect(deps).toEqual(expect.arrayContaining(['ar-core', 'ar-global']));
      for (const s of alarmStacks.filter((x) => x !== stack)) {
        expect(s.dependencies.map((d) => d.stackName)).toEqual(expect.arrayContaining([s.region === 'us-east-1' ? 'ar-global' : 'ar-core']));
      }
    }
  });
});

describe('a deployment in us-east-1', () => {
  test('has no global stack: the core topics serve the us-east-1-only alarms too', () => {
    const home = synthesize();
    expect(home.stacks.global).toBeUndefined();
    expect(home.stacks.all.map((s) => s.stackName).sort()).toEqual(['ar-ai-lifestyle-app', 'ar-core', 'ar-healthhub', 'ar-hlekkr', 'ar-rung', 'ar-telehealth-crm']);
  });
});
