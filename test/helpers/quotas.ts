/**
 * AWS quotas a deployment must respect to deploy, checked on synthesized templates (in tests, and
 * by the benchmark on what `cdk synth` wrote). Each value is written out with the page it comes
 * from: the check is against AWS, not against the app's own constants.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { iamLimitProblems, largestPolicies, policySize } from './iam-policies';
import type { SynthesizedApp } from './synth';

export const AWS_QUOTAS = {
  /** CloudFormation quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
  resourcesPerTemplate: 500,
  templateBytes: 1_000_000,
  outputsPerTemplate: 200,
  /** SNS (https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html). */
  filterPoliciesPerTopic: 200,
  filterPoliciesPerAccount: 10_000,
  filterPolicyKeys: 5,
  filterPolicyCombinations: 150,
  filterPolicyBytes: 256 * 1024,
  /** Lambda: 4 KB of environment variables in all (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
  lambdaEnvironmentBytes: 4096,
  /** CloudWatch: "an array of between 0 and 100 widget objects" (Dashboard Body Structure and Syntax); an alarm status widget shows at most 100 alarms. */
  widgetsPerDashboard: 100,
  alarmsPerAlarmWidget: 100,
} as const;

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface StackTemplate {
  readonly name: string;
  readonly region: string;
  readonly template: Record<string, Json>;
}

/** The templates of an app synthesized in this process, with their stacks' regions. */
export function templatesOf(synth: SynthesizedApp): StackTemplate[] {
  return synth.stacks.all.map((stack) => ({ name: stack.stackName, region: stack.region, template: synth.templates.get(stack.stackName)?.toJSON() ?? {} }));
}

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
}

export interface QuotaFigures {
  readonly stacks: number;
  readonly resources: number;
  readonly largestTemplate: { readonly stack: string; readonly bytes: number; readonly resources: number };
  readonly mostResources: number;
  readonly topics: number;
  /** Subscriptions with a filter policy, on the busiest topic and in all. */
  readonly filterPoliciesPerTopic: number;
  readonly filterPolicies: number;
  readonly largestFilterPolicy: { readonly bytes: number; readonly combinations: number; readonly keys: number };
  readonly largestLambdaEnvironment: number;
  readonly largestInlinePolicies: number;
  readonly largestManagedPolicy: number;
  readonly mostOutputs: number;
  readonly exports: number;
  readonly dashboards: number;
  readonly mostWidgets: number;
  readonly mostAlarmsPerWidget: number;
  readonly largestDashboardBody: number;
}

export interface QuotaReport {
  readonly figures: QuotaFigures;
  /** One line per quota exceeded: empty when everything deploys. */
  readonly problems: readonly string[];
}

/** A value as AWS sees it once deployed: references at a generous allowance (test/helpers/iam-policies.ts). */
const deployedLength = (value: Json): number => policySize(value);

/** The bytes CDK writes for a template (JSON indented by one space), which CloudFormation counts. */
export const templateBytes = (template: Json): number => Buffer.byteLength(JSON.stringify(template, undefined, 1));

function resourcesOf(t: StackTemplate): Array<[string, Resource]> {
  return Object.entries((t.template.Resources ?? {}) as Record<string, Resource>);
}

/** The topic a subscription's TopicArn names, as `region/name`: a Ref, an import of another stack's export, or an ARN. */
function topicKey(arn: Json, t: StackTemplate, stacks: readonly StackTemplate[], exported: ReadonlyMap<string, StackTemplate & { ref: string }>): string {
  const nameOf = (owner: StackTemplate, logicalId: string): string => {
    const topic = (owner.template.Resources as Record<string, Resource>)[logicalId];
    if (topic?.Type !== 'AWS::SNS::Topic') throw new Error(`${owner.name}/${logicalId} is not a topic`);
    return `${owner.region}/${String(topic.Properties?.TopicName ?? `${owner.name}/${logicalId}`)}`;
  };
  if (isRecord(arn) && typeof arn.Ref === 'string') return nameOf(t, arn.Ref);
  if (isRecord(arn) && typeof arn['Fn::ImportValue'] === 'string') {
    const source = exported.get(arn['Fn::ImportValue']);
    if (!source) throw new Error(`${t.name}: no stack of ${stacks.length} exported ${arn['Fn::ImportValue']}`);
    return nameOf(source, source.ref);
  }
  const join = isRecord(arn) ? arn['Fn::Join'] : undefined;
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const parts = (join[1] as Json[]).filter((p): p is string => typeof p === 'string').join('');
    const region = /:sns:([a-z0-9-]+):/.exec(parts)?.[1] ?? t.region;
    return `${region}/${parts.slice(parts.lastIndexOf(':') + 1)}`;
  }
  throw new Error(`${t.name}: cannot tell the topic of ${JSON.stringify(arn)}`);
}

/** Value combinations of a filter policy: the product of the lengths of its arrays (SNS's own count). */
function combinations(policy: Json): number {
  if (Array.isArray(policy)) return policy.length;
  if (!isRecord(policy)) return 1;
  return Object.values(policy).reduce<number>((n, v) => n * combinations(v), 1);
}

function dashboardWidgets(body: Json): Array<{ type?: string; properties?: { alarms?: unknown[] } }> {
  // The body is an Fn::Join of JSON fragments and references; a reference never holds a widget boundary.
  const text = typeof body === 'string' ? body : isRecord(body) && Array.isArray(body['Fn::Join']) ? (body['Fn::Join'][1] as Json[]).map((p) => (typeof p === 'string' ? p : 'X')).join('') : '{}';
  const parsed: unknown = JSON.parse(text);
  return isRecord(parsed) && Array.isArray(parsed.widgets) ? (parsed.widgets as Array<{ type?: string; properties?: { alarms?: unknown[] } }>) : [];
}

/** Checks every template of one deployment (one account) against the quotas and sums up the figures. */
export function checkQuotas(stacks: readonly StackTemplate[]): QuotaReport {
  const problems: string[] = [];
  const exported = new Map<string, StackTemplate & { ref: string }>();
  let mostOutputs = 0;
  for (const t of stacks) {
    const outputs = Object.values((t.template.Outputs ?? {}) as Record<string, { Value?: Json; Export?: { Name?: string } }>);
    mostOutputs = Math.max(mostOutputs, outputs.length);
    if (outputs.length > AWS_QUOTAS.outputsPerTemplate) problems.push(`${t.name}: ${outputs.length} outputs`);
    for (const o of outputs) if (o.Export?.Name && isRecord(o.Value) && typeof o.Value.Ref === 'string') exported.set(o.Export.Name, { ...t, ref: o.Value.Ref });
  }
  const exportCount = stacks.reduce((n, t) => n + Object.values((t.template.Outputs ?? {}) as Record<string, { Export?: unknown }>).filter((o) => o.Export).length, 0);

  let resources = 0;
  let mostResources = 0;
  let largest = { stack: '', bytes: 0, resources: 0 };
  const perTopic = new Map<string, number>();
  let topics = 0;
  let largestPolicy = { bytes: 0, combinations: 0, keys: 0 };
  let largestEnvironment = 0;
  let dashboards = 0;
  let mostWidgets = 0;
  let mostAlarmsPerWidget = 0;
  let largestDashboardBody = 0;
  for (const t of stacks) {
    const own = resourcesOf(t);
    const bytes = templateBytes(t.template);
    resources += own.length;
    mostResources = Math.max(mostResources, own.length);
    if (bytes > largest.bytes) largest = { stack: t.name, bytes, resources: own.length };
    if (own.length > AWS_QUOTAS.resourcesPerTemplate) problems.push(`${t.name}: ${own.length} resources`);
    if (bytes > AWS_QUOTAS.templateBytes) problems.push(`${t.name}: template of ${bytes} bytes`);
    for (const [id, r] of own) {
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::SNS::Topic') topics += 1;
      if (r.Type === 'AWS::SNS::Subscription' && p.FilterPolicy !== undefined) {
        const key = topicKey(p.TopicArn, t, stacks, exported);
        perTopic.set(key, (perTopic.get(key) ?? 0) + 1);
        const policy = { bytes: Buffer.byteLength(JSON.stringify(p.FilterPolicy)), combinations: combinations(p.FilterPolicy), keys: isRecord(p.FilterPolicy) ? Object.keys(p.FilterPolicy).length : 0 };
        if (policy.bytes > largestPolicy.bytes) largestPolicy = policy;
        if (policy.combinations > AWS_QUOTAS.filterPolicyCombinations) problems.push(`${t.name}/${id}: filter policy of ${policy.combinations} value combinations`);
        if (policy.keys > AWS_QUOTAS.filterPolicyKeys) problems.push(`${t.name}/${id}: filter policy of ${policy.keys} keys`);
        if (policy.bytes > AWS_QUOTAS.filterPolicyBytes) problems.push(`${t.name}/${id}: filter policy of ${policy.bytes} bytes`);
      }
      if (r.Type === 'AWS::Lambda::Function') {
        const variables = isRecord(p.Environment) ? p.Environment.Variables : undefined;
        const size = variables === undefined ? 0 : deployedLength(variables);
        largestEnvironment = Math.max(largestEnvironment, size);
        if (size > AWS_QUOTAS.lambdaEnvironmentBytes) problems.push(`${t.name}/${id}: environment of ${size} bytes`);
      }
      if (r.Type === 'AWS::CloudWatch::Dashboard') {
        dashboards += 1;
        const widgets = dashboardWidgets(p.DashboardBody);
        const alarms = Math.max(0, ...widgets.map((w) => w.properties?.alarms?.length ?? 0));
        mostWidgets = Math.max(mostWidgets, widgets.length);
        mostAlarmsPerWidget = Math.max(mostAlarmsPerWidget, alarms);
        largestDashboardBody = Math.max(largestDashboardBody, JSON.stringify(p.DashboardBody).length);
        if (widgets.length > AWS_QUOTAS.widgetsPerDashboard) problems.push(`${t.name}/${id}: dashboard of ${widgets.length} widgets`);
        if (alarms > AWS_QUOTAS.alarmsPerAlarmWidget) problems.push(`${t.name}/${id}: an alarm widget of ${alarms} alarms`);
      }
    }
    problems.push(...iamLimitProblems(Template.fromJSON(t.template)).map((p) => `${t.name}: ${p}`));
  }
  for (const [topic, n] of perTopic) if (n > AWS_QUOTAS.filterPoliciesPerTopic) problems.push(`topic ${topic}: ${n} subscription filter policies`);
  const filterPolicies = [...perTopic.values()].reduce((a, b) => a + b, 0);
  if (filterPolicies > AWS_QUOTAS.filterPoliciesPerAccount) problems.push(`${filterPolicies} subscription filter policies in the account`);
  const policies = largestPolicies(stacks.map((t) => Template.fromJSON(t.template)));
  return {
    problems,
    figures: {
      stacks: stacks.length,
      resources,
      largestTemplate: largest,
      mostResources,
      topics,
      filterPoliciesPerTopic: Math.max(0, ...perTopic.values()),
      filterPolicies,
      largestFilterPolicy: largestPolicy,
      largestLambdaEnvironment: largestEnvironment,
      largestInlinePolicies: policies.inline,
      largestManagedPolicy: policies.managed,
      mostOutputs,
      exports: exportCount,
      dashboards,
      mostWidgets,
      mostAlarmsPerWidget,
      largestDashboardBody,
    },
  };
}
