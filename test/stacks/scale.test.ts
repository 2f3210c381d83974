import { RESOURCES_PER_SYSTEM, generateConfig } from '../../bench/generate-config';
import { parseConfig } from '../../lib/config/load';
import { ALARM_TAG_KEYS } from '../../lib/constructs/alert-alarms';
import { CLOUDFORMATION_MAX_RESOURCES } from '../../lib/stacks';
import { iamLimitProblems, largestPolicies } from '../helpers/iam-policies';
import { resourcesOfType, synthesize, type SynthesizedApp } from '../helpers/synth';

const RESOURCES = 1000;
/** generateConfig's default spread: 20 systems of 50 mixed resources. */
const SYSTEMS = RESOURCES / RESOURCES_PER_SYSTEM;
/** CloudFormation's limit on a template uploaded through S3 (as CDK deploys them). */
const MAX_TEMPLATE_BYTES = 1_000_000;

let synth: SynthesizedApp;
let seconds: number;

beforeAll(() => {
  const started = Date.now();
  // The schema validation of dozens of templates of alarms takes about 20 s and checks nothing the
  // default app's tests do not: this test is about sizes and counts. synthesize() also skips
  // bundling and creation stack traces (TEST_CONTEXT).
  synth = synthesize(parseConfig(generateConfig(RESOURCES), 'generated'), { validateTemplates: false });
  seconds = (Date.now() - started) / 1000;
}, 600_000);

describe(`a deployment monitoring ${RESOURCES} resources`, () => {
  test(`plans ${SYSTEMS} systems of mixed resources`, () => {
    expect(synth.plan.systems).toHaveLength(SYSTEMS);
    expect(synth.plan.systems.reduce((n, s) => n + s.targets.length, 0)).toBe(RESOURCES);
    expect(synth.plan.systems.map((s) => s.targets.length)).toEqual(synth.plan.systems.map(() => RESOURCES_PER_SYSTEM));
  });

  test('keeps every stack under CloudFormation’s resource and template size limits', () => {
    const sizes = [...synth.templates].map(([name, template]) => {
      const json = template.toJSON();
      return { name, resources: Object.keys(json.Resources ?? {}).length, bytes: JSON.stringify(json).length };
    });
    for (const s of sizes) {
      expect(s.resources).toBeLessThan(CLOUDFORMATION_MAX_RESOURCES);
      expect(s.bytes).toBeLessThan(MAX_TEMPLATE_BYTES);
    }
    const alarms = resourcesOfType(synth.templates, 'AWS::CloudWatch::Alarm').length;
    const largest = sizes.reduce((a, b) => (b.resources > a.resources ? b : a));
    const policies = largestPolicies(synth.templates.values());
    // The benchmark issue reads these numbers; a test that prints is the simplest carrier.
    console.log(
      `${RESOURCES} resources: ${sizes.length} stacks, ${alarms} alarms, largest ${largest.name} with ${largest.resources} resources, ` +
        `largest template ${Math.max(...sizes.map((s) => s.bytes))} bytes, largest inline policy ${policies.inline} characters, ` +
        `largest managed policy ${policies.managed || 'none'}, synthesized in ${seconds.toFixed(1)} s`,
    );
  });

  test('keeps every role’s policies within IAM’s limits', () => {
    const problems = [...synth.templates].flatMap(([name, template]) => iamLimitProblems(template).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('creates exactly the planned alarms', () => {
    const planned = synth.plan.systems.reduce((n, s) => n + s.alarms.length, 0);
    const tagged = resourcesOfType(synth.templates, 'AWS::CloudWatch::Alarm').filter((a) => JSON.stringify(a.resource.Properties?.Tags ?? []).includes(ALARM_TAG_KEYS.kind));
    expect(tagged).toHaveLength(planned);
  });
});
