import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadConfig } from '../../lib/config/load';
import type { DeploymentConfig } from '../../lib/config/schema';
import { planDeployment, type DeploymentPlan } from '../../lib/deployment';
import { createAlertResponderApp, type AlertResponderStacks } from '../../lib/stacks';
import { cdkJsonContext } from './cdk-context';

export const DEFAULT_CONFIG_PATH = join(__dirname, '..', '..', 'config', 'default.json');

/**
 * Context for tests: cdk.json's feature flags, as `cdk synth` passes them; skip esbuild bundling
 * of every stack (about 2 s a function), and the creation stack trace CDK records for every
 * resource (most of the construction time at scale).
 */
export const TEST_CONTEXT = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] as string[], 'aws:cdk:disable-creation-stack-traces': true };

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface SynthesizedApp {
  readonly app: App;
  readonly plan: DeploymentPlan;
  readonly stacks: AlertResponderStacks;
  /** By stack name. */
  readonly templates: ReadonlyMap<string, Template>;
  readonly stackByName: ReadonlyMap<string, Stack>;
}

export interface SynthesizeOptions {
  /**
   * CDK's built-in CloudFormation schema validation at synth (about 6 s to start, then per template).
   * @default true
   */
  readonly validateTemplates?: boolean;
  /** @default - the app's default */
  readonly stackResourceBudget?: number;
}

/** Plans and synthesizes a configuration once, bundling skipped. */
export function synthesize(config: DeploymentConfig = loadConfig(DEFAULT_CONFIG_PATH), options: SynthesizeOptions = {}): SynthesizedApp {
  const app = new App({ context: TEST_CONTEXT, builtinCloudFormationValidation: options.validateTemplates ?? true });
  const plan = planDeployment(config);
  const stacks = createAlertResponderApp(app, plan, { stackResourceBudget: options.stackResourceBudget });
  app.synth();
  const templates = new Map(stacks.all.map((s) => [s.stackName, Template.fromStack(s)]));
  return { app, plan, stacks, templates, stackByName: new Map(stacks.all.map((s) => [s.stackName, s])) };
}

/** Every resource of a type in every stack, with the stack it is in. */
export function resourcesOfType(templates: ReadonlyMap<string, Template>, type: string): Array<{ stack: string; id: string; resource: CfnResourceJson }> {
  const out: Array<{ stack: string; id: string; resource: CfnResourceJson }> = [];
  for (const [stack, template] of templates) {
    for (const [id, resource] of Object.entries(template.findResources(type) as Record<string, CfnResourceJson>)) out.push({ stack, id, resource });
  }
  return out;
}

/** The alarms of every stack by alarm name. */
export function alarmsByName(templates: ReadonlyMap<string, Template>): Map<string, { stack: string; props: Record<string, unknown> }> {
  const out = new Map<string, { stack: string; props: Record<string, unknown> }>();
  for (const { stack, resource } of resourcesOfType(templates, 'AWS::CloudWatch::Alarm')) {
    const props = resource.Properties ?? {};
    const name = props.AlarmName;
    if (typeof name !== 'string') throw new Error(`An alarm in ${stack} has no literal name`);
    if (out.has(name)) throw new Error(`Alarm ${name} is defined twice`);
    out.set(name, { stack, props });
  }
  return out;
}

/**
 * The name of the topic an alarm action points at: a Ref in the same template, an import of
 * another stack's export, or an ARN built from the topic's name.
 */
export function topicNameOf(action: unknown, stack: string, templates: ReadonlyMap<string, Template>): string {
  if (typeof action === 'string' && action.startsWith('arn:')) return action.slice(action.lastIndexOf(':') + 1);
  const json = action as { Ref?: string; 'Fn::ImportValue'?: string; 'Fn::Join'?: [string, unknown[]] };
  if (typeof json.Ref === 'string') return refTopicName(stack, json.Ref, templates);
  if (typeof json['Fn::ImportValue'] === 'string') {
    const exportName = json['Fn::ImportValue'];
    for (const [producer, template] of templates) {
      const outputs = (template.toJSON().Outputs ?? {}) as Record<string, { Value: { Ref?: string }; Export?: { Name?: string } }>;
      const output = Object.values(outputs).find((o) => o.Export?.Name === exportName);
      if (output?.Value.Ref) return refTopicName(producer, output.Value.Ref, templates);
    }
    throw new Error(`No stack exports ${exportName}`);
  }
  const joined = json['Fn::Join'];
  if (joined) {
    const last = joined[1][joined[1].length - 1];
    if (typeof last === 'string') return last.slice(last.lastIndexOf(':') + 1);
  }
  throw new Error(`Cannot resolve the topic of ${JSON.stringify(action)} in ${stack}`);
}

function refTopicName(stack: string, logicalId: string, templates: ReadonlyMap<string, Template>): string {
  const resource = (templates.get(stack)?.toJSON().Resources ?? {})[logicalId] as CfnResourceJson | undefined;
  const name = resource?.Properties?.TopicName;
  if (resource?.Type !== 'AWS::SNS::Topic' || typeof name !== 'string') throw new Error(`${stack}/${logicalId} is not a named topic`);
  return name;
}
