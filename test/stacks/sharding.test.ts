import { AlertAlarms } from '../../lib/constructs/alert-alarms';
import { alarmsByName, resourcesOfType, synthesize, type SynthesizedApp } from '../helpers/synth';

/** Small enough that every default system needs more than one stack. */
const BUDGET = 40;

let synth: SynthesizedApp;

beforeAll(() => {
  synth = synthesize(undefined, { stackResourceBudget: BUDGET, validateTemplates: false });
});

describe(`alarms split over stacks of at most ${BUDGET} resources`, () => {
  test('no stack of alarms exceeds the budget (plus the CDKMetadata resource CDK adds at synthesis)', () => {
    const count = (name: string) => Object.keys(synth.templates.get(name)?.toJSON().Resources ?? {}).length;
    for (const { system, stack, alarmStacks } of synth.stacks.systems) {
      for (const s of alarmStacks) expect({ stack: s.stackName, fits: count(s.stackName) <= BUDGET + 1 }).toEqual({ stack: s.stackName, fits: true });
      // The responders come first; a system stack they fill holds no alarm of the plan.
      if (!alarmStacks.includes(stack)) expect(count(stack.stackName) - 1 + AlertAlarms.estimateResources(system.alarms[0])).toBeGreaterThan(BUDGET);
    }
  });

  test('every planned alarm is created exactly once', () => {
    const alarms = alarmsByName(synth.templates);
    for (const system of synth.plan.systems) for (const a of system.alarms) expect(alarms.has(a.name)).toBe(true);
  });

  test('extra stacks are named <prefix>-<system>-<n> and each deploys after the one before it', () => {
    let extras = 0;
    for (const { system, stack, alarmStacks } of synth.stacks.systems) {
      const chain = [stack, ...alarmStacks.filter((s) => s !== stack)];
      chain.slice(1).forEach((s, i) => {
        extras += 1;
        expect(s.stackName).toBe(`ar-${system.id}-${i + 2}`);
        expect(s.dependencies.map((d) => d.stackName)).toEqual(expect.arrayContaining([chain[i].stackName, 'ar-core']));
      });
    }
    expect(extras).toBeGreaterThan(synth.plan.systems.length);
  });

  test('alarms keep their plan order across stacks', () => {
    const alarms = alarmsByName(synth.templates);
    for (const { system, alarmStacks } of synth.stacks.systems) {
      const order = alarmStacks.map((s) => s.stackName);
      const positions = system.alarms.map((a) => order.indexOf(alarms.get(a.name)?.stack ?? ''));
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
    }
  });

  test('the responders stay in the system’s first stack', () => {
    // The verifier is the core stack's; every responder (named, unlike the custom resource providers) belongs to a system.
    const functions = resourcesOfType(synth.templates, 'AWS::Lambda::Function').filter((f) => !f.stack.endsWith('-core') && f.resource.Properties?.FunctionName !== undefined);
    expect(functions.length).toBeGreaterThan(0);
    const systemStacks = new Set(synth.stacks.systems.map((s) => s.stack.stackName));
    for (const f of functions) expect(systemStacks.has(f.stack)).toBe(true);
  });
});
