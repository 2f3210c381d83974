import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramResourceNames, renderArchitectureDiagram } from '../../lib/docs/architecture-diagram';
import { resourcesOfType, synthesize, type SynthesizedApp } from '../helpers/synth';

const README = join(__dirname, '..', '..', 'README.md');

describe('the README architecture diagram', () => {
  let synthesized: SynthesizedApp;
  let diagram: string;

  beforeAll(() => {
    synthesized = synthesize(undefined, { validateTemplates: false });
    diagram = renderArchitectureDiagram(synthesized.plan);
  });

  it('is the one the default configuration generates today (run `npm run docs`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain(`\`\`\`mermaid\n${diagram}\`\`\``);
  });

  it('names resources the stacks create, with their real names', () => {
    const names = diagramResourceNames(synthesized.plan.config.prefix);
    const named = (type: string, key: string): unknown[] =>
      resourcesOfType(synthesized.templates, type).map((r) => r.resource.Properties?.[key]);
    expect(named('AWS::SNS::Topic', 'TopicName')).toEqual(expect.arrayContaining([...names.topics, names.escalationTopic]));
    expect(named('AWS::SQS::Queue', 'QueueName')).toContain(names.verifyQueue);
    const ensured = named('Custom::EnsureLogGroups', 'LogGroups').flat() as Array<{ Name: string }>;
    expect(ensured.map((g) => g.Name)).toContain(names.remediationLog);
    expect(named('AWS::SSM::Parameter', 'Name')).toContain(names.modeParameter);
    for (const name of [...names.topics, names.escalationTopic, names.verifyQueue, names.remediationLog, names.modeParameter]) {
      expect(diagram).toContain(name);
    }
  });

  it('counts the alarms and responders the stacks create', () => {
    const alarms = synthesized.plan.systems.flatMap((s) => s.alarms).length;
    const responders = resourcesOfType(synthesized.templates, 'AWS::Lambda::Function').filter((f) =>
      /-(lambda|dynamodb|ecs|appRunner|rds|elastiCache|cloudFront|waf|escalation)$/.test(String(f.resource.Properties?.FunctionName)),
    ).length;
    expect(diagram).toContain(`"${alarms} CloudWatch alarms`);
    expect(diagram).toContain(`"${responders} Lambda responders`);
    expect(responders).toBe(synthesized.plan.systems.flatMap((s) => s.responders).length);
  });
});
