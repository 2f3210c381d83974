import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AlertResponder } from '../lib/alert-responder';
import { loadConfig } from '../lib/config/load';
import { ConfigError } from '../lib/config/problems';
import type { DeploymentConfigInput } from '../lib/config/schema';
import { planDeployment } from '../lib/deployment';
import { createAlertResponderApp } from '../lib/stacks';

const MINIMAL = join(__dirname, '..', 'config', 'examples', 'minimal.json');
// Assertions only: bundling is covered by the responder function and consumer tests.
const noBundling = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const minimalInput = (): DeploymentConfigInput => JSON.parse(readFileSync(MINIMAL, 'utf8')) as DeploymentConfigInput;

/**
 * A stack's resources as sorted JSON, without what may differ by construct path alone: logical ids
 * CDK derives from another construct's path (an SNS invoke permission, an SQS event source) and
 * the keys of skipped bundles.
 */
function resources(stack: Stack): string[] {
  const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, unknown> };
  return Object.values(template.Resources)
    .map((r) => JSON.stringify(r).replace(/"S3Key":"[0-9a-f]{64}\.zip"/g, '"S3Key":"<asset>"'))
    .sort();
}

describe('AlertResponder', () => {
  test('in an App: the same stacks, names and resources as the app of this repository', () => {
    const viaConstruct = new AlertResponder(noBundling(), 'Alerts', { config: minimalInput() });
    const viaApp = createAlertResponderApp(noBundling(), planDeployment(loadConfig(MINIMAL)));

    expect(viaConstruct.stacks.all.map((s) => s.stackName)).toEqual(['shop-core', 'shop-orders']);
    expect(viaConstruct.stacks.all.map((s) => s.node.path)).toEqual(['Alerts/shop-core', 'Alerts/shop-orders']);
    viaConstruct.stacks.all.forEach((stack, i) => {
      const same = viaApp.all[i];
      expect(same?.stackName).toBe(stack.stackName);
      if (same) expect(resources(stack)).toEqual(resources(same));
    });
  });

  test('in a Stage: the stacks keep their names and belong to the stage', () => {
    const app = noBundling();
    const stage = new Stage(app, 'Prod');
    const alerts = new AlertResponder(stage, 'Alerts', { config: minimalInput() });

    expect(alerts.stacks.all.map((s) => s.stackName)).toEqual(['shop-core', 'shop-orders']);
    const assembly = stage.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['shop-core', 'shop-orders']);
  });

  test('a validated configuration (from loadConfig) is accepted as well as its input form', () => {
    const alerts = new AlertResponder(noBundling(), 'Alerts', { config: loadConfig(MINIMAL) });
    expect(alerts.plan.systems.map((s) => s.id)).toEqual(['orders']);
    expect(alerts.plan.systems.flatMap((s) => s.alarms)).toHaveLength(planDeployment(loadConfig(MINIMAL)).systems[0]?.alarms.length ?? -1);
  });

  test('fails when placed in a stack, naming the stack and what to do', () => {
    const stack = new Stack(noBundling(), 'Team');
    expect(() => new AlertResponder(stack, 'Alerts', { config: minimalInput() })).toThrow(
      /AlertResponder "Alerts" cannot be placed in a stack \(received a scope inside stack "Team"\).*Create it in your App or in a Stage/,
    );
  });

  test('fails when the configuration is invalid, listing every problem with the construct path', () => {
    const config = { ...minimalInput(), prefix: 'Bad_Prefix', systems: [] };
    const create = () => new AlertResponder(noBundling(), 'Alerts', { config });
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(/AlertResponder Alerts.*2 problems/s);
  });

  test('fails when the configuration names many accounts, saying what creates them', () => {
    const config = JSON.parse(readFileSync(join(__dirname, '..', 'config', 'examples', 'multi-account.json'), 'utf8')) as DeploymentConfigInput;
    expect(() => new AlertResponder(noBundling(), 'Alerts', { config })).toThrow(/names "environments".*createMultiAccountApp/s);
  });
});
