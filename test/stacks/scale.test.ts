import { generateConfig } from '../../bench/generate-config';
import { severityTopicName } from '../../lib/catalogue';
import { parseConfig } from '../../lib/config/load';
import { AWS_QUOTAS, checkQuotas, templatesOf, type QuotaReport } from '../helpers/quotas';
import { alarmsByName, resourcesOfType, synthesize, topicNameOf, type SynthesizedApp } from '../helpers/synth';

/**
 * 1,000 resources over 50 systems of 20: ten times the five systems of the default configuration.
 * Small systems mean many responders; with one topic per severity, the busiest topic took about
 * 350 filtered subscriptions, far past SNS's 200, so the old design could not deploy this.
 * `npm run test:scale` runs the same tests at 10,000 resources in 200 systems (about 2 minutes of
 * CPU, too long for `npm test`); `npm run bench` measures both sizes.
 */
const RESOURCES = sizeFromEnv('AR_SCALE_RESOURCES', 1000);
const SYSTEMS = sizeFromEnv('AR_SCALE_SYSTEMS', 50);

function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

let synth: SynthesizedApp;
let report: QuotaReport;

beforeAll(() => {
  // CDK's own schema validation checks nothing here that the default app's tests do not, and
  // costs about 10 s: this test is about sizes and counts. synthesize() also skips bundling.
  synth = synthesize(parseConfig(generateConfig(RESOURCES, { systems: SYSTEMS }), 'generated'), { validateTemplates: false });
  report = checkQuotas(templatesOf(synth));
}, 600_000);

describe(`a deployment monitoring ${RESOURCES} resources in ${SYSTEMS} systems`, () => {
  test(`plans ${SYSTEMS} systems of mixed resources`, () => {
    expect(synth.plan.systems).toHaveLength(SYSTEMS);
    expect(synth.plan.systems.reduce((n, s) => n + s.targets.length, 0)).toBe(RESOURCES);
  });

  test('respects every AWS quota: resources, bytes and outputs per template, filter policies per topic and account, IAM, Lambda environments, dashboards', () => {
    const f = report.figures;
    // The benchmark issue reads these numbers; a test that prints is the simplest carrier.
    console.log(
      `${RESOURCES} resources in ${SYSTEMS} systems: ${f.stacks} stacks, ${f.resources} CloudFormation resources (at most ${f.mostResources} in one), ` +
        `${f.topics} topics in ${synth.plan.topicShards} shards, at most ${f.filterPoliciesPerTopic} filter policies per topic (${f.filterPolicies} in all), ` +
        `largest template ${f.largestTemplate.bytes} bytes (${f.largestTemplate.stack}), largest environment ${f.largestLambdaEnvironment} bytes, ` +
        `largest inline policies ${f.largestInlinePolicies}, ${f.dashboards} dashboards of at most ${f.mostWidgets} widgets, ${f.exports} exports`,
    );
    expect(report.problems).toEqual([]);
  });

  test('is large enough to need several shards of severity topics, each under SNS’s 200 filter policies', () => {
    expect(synth.plan.topicShards).toBeGreaterThan(1);
    expect(report.figures.filterPoliciesPerTopic).toBeGreaterThan(AWS_QUOTAS.filterPoliciesPerTopic / 2);
    expect(report.figures.filterPoliciesPerTopic).toBeLessThanOrEqual(AWS_QUOTAS.filterPoliciesPerTopic);
  });

  test('a system’s alarms notify, and its responders subscribe to, the topics of its own shard', () => {
    const alarms = alarmsByName(synth.templates);
    for (const system of synth.plan.systems) {
      const a = system.alarms[0];
      const { stack, props } = alarms.get(a.name) ?? { stack: '', props: {} };
      expect((props.AlarmActions as unknown[]).map((x) => topicNameOf(x, stack, synth.templates))).toEqual([severityTopicName('scale', a.severity, system.topicShard)]);
      const subscriptions = resourcesOfType(synth.templates, 'AWS::SNS::Subscription').filter((s) => s.stack === `scale-${system.id}`);
      expect(subscriptions.length).toBeGreaterThan(0);
      for (const s of subscriptions) expect(topicNameOf(s.resource.Properties?.TopicArn, s.stack, synth.templates)).toMatch(new RegExp(`-alerts${system.topicShard === 1 ? '' : `-${system.topicShard}`}$`));
    }
  });

  test('creates exactly the planned alarms, each on one dashboard that the core dashboard links to', () => {
    const planned = synth.plan.systems.flatMap((s) => s.alarms.map((a) => a.name));
    const created = new Set(resourcesOfType(synth.templates, 'AWS::CloudWatch::Alarm').map((a) => String(a.resource.Properties?.AlarmName)));
    expect(planned.filter((name) => !created.has(name))).toEqual([]);
    const bodies = resourcesOfType(synth.templates, 'AWS::CloudWatch::Dashboard').map((d) => ({ stack: d.stack, body: JSON.stringify(d.resource.Properties?.DashboardBody) }));
    const core = bodies.find((b) => b.stack === 'scale-core');
    for (const b of bodies.filter((x) => x !== core)) expect(core?.body).toContain(`#dashboards:name=${b.stack}-alerts`);
    const shown = new Map<string, number>();
    for (const b of bodies) for (const m of b.body.matchAll(/:alarm:([A-Za-z0-9._-]+)/g)) shown.set(m[1], (shown.get(m[1]) ?? 0) + 1);
    for (const name of planned) expect({ name, dashboards: shown.get(name) }).toEqual({ name, dashboards: 1 });
  });
});
