import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Severity } from '../../lib/catalogue';
import { loadConfig, parseConfig } from '../../lib/config/load';
import { planDeployment, type DeploymentPlan } from '../../lib/deployment';
import type { ResponderPolicyInput } from '../../lib/constructs/private/responder-iam';
import { SystemResponders } from '../../lib/constructs/system-responders';

export const ACCOUNT = '123456789012';
export const defaultPlan = (): DeploymentPlan => planDeployment(loadConfig(path.join(__dirname, '..', '..', 'config', 'default.json')));

export interface ResponderTestStack {
  readonly app: App;
  readonly stack: Stack;
  readonly template: Template;
  readonly responders: ReadonlyMap<string, SystemResponders>;
  /** Logical ids of the test's topics. */
  readonly topicIds: { readonly severity: Record<Severity, string>; readonly usEast1: Record<Severity, string>; readonly escalation: string };
}

/** A stack of its own (topics, key, log group) holding every system's responders; bundling skipped. */
export function buildResponderStack(plan: DeploymentPlan = defaultPlan()): ResponderTestStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'RespondersTest', { env: { account: ACCOUNT, region: plan.config.region } });
  const topicKey = new kms.Key(stack, 'TopicKey', { enableKeyRotation: true });
  const topic = (id: string) => new sns.Topic(stack, id, { masterKey: topicKey, enforceSSL: true });
  const topics = (p: string): Record<Severity, sns.Topic> => ({ P0: topic(`${p}Critical`), P1: topic(`${p}High`), P2: topic(`${p}Medium`) });
  const severityTopics = topics('');
  const usEast1Topics = topics('UsEast1');
  const escalationTopic = topic('Escalations');
  const remediationLog = new logs.LogGroup(stack, 'RemediationLog', { retention: logs.RetentionDays.THREE_MONTHS });
  const { stateTable, verifyQueue, recordKey } = sharedState(stack);
  const responders = new Map<string, SystemResponders>();
  for (const system of plan.systems) {
    responders.set(
      system.id,
      new SystemResponders(stack, `Responders-${system.id}`, { plan, system, severityTopics, usEast1Topics, escalationTopic, topicKey, remediationLog, stateTable, verifyQueue, recordKey }),
    );
  }
  const id = (t: sns.Topic) => stack.getLogicalId(t.node.defaultChild as sns.CfnTopic);
  const ids = (r: Record<Severity, sns.Topic>) => ({ P0: id(r.P0), P1: id(r.P1), P2: id(r.P2) });
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    responders,
    topicIds: { severity: ids(severityTopics), usEast1: ids(usEast1Topics), escalation: id(escalationTopic) },
  };
}

/** The state table, verification queue and record key the responders share, created in `stack`. */
export function sharedState(stack: Stack): { stateTable: dynamodb.ITable; verifyQueue: sqs.IQueue; recordKey: kms.IKey } {
  const stateTable = new dynamodb.Table(stack, 'StateTable', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const verifyQueue = new sqs.Queue(stack, 'VerifyQueue', { enforceSSL: true, encryption: sqs.QueueEncryption.SQS_MANAGED });
  const recordKey = new kms.Key(stack, 'RecordKey', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });
  return { stateTable, verifyQueue, recordKey };
}

/** A plan of one system "big" of `count` Lambda functions with long names. */
export const lambdaSystemPlan = (count: number): DeploymentPlan =>
  planDeployment(
    parseConfig({
      prefix: 'ar',
      systems: [{ id: 'big', resources: { lambda: Array.from({ length: count }, (_, i) => ({ name: `big-platform-service-function-number-${i}-production`, alias: 'live' })) } }],
    }),
  );

export interface PlanStack {
  readonly stack: Stack;
  readonly template: Template;
  /** What the responders' policies were derived from, but the responder itself. */
  readonly policyInput: Omit<ResponderPolicyInput, 'responder'>;
}

/** The responders of `plan` in a stack of their own (plain topics, key, log group); bundling skipped. */
export function buildPlanStack(plan: DeploymentPlan): PlanStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Big', { env: { account: ACCOUNT, region: 'us-east-1' } });
  const topicKey = new kms.Key(stack, 'Key');
  const topic = (id: string) => new sns.Topic(stack, id);
  const severityTopics = { P0: topic('P0'), P1: topic('P1'), P2: topic('P2') };
  const escalationTopic = topic('Esc');
  const remediationLog = new logs.LogGroup(stack, 'Log');
  const shared = sharedState(stack);
  const { stateTable, verifyQueue } = shared;
  for (const system of plan.systems) {
    new SystemResponders(stack, system.id, { plan, system, severityTopics, escalationTopic, topicKey, remediationLog, ...shared });
  }
  const policyInput = {
    stack,
    region: plan.config.region,
    prefix: plan.config.prefix,
    escalationTopicArn: escalationTopic.topicArn,
    topicKeyArn: topicKey.keyArn,
    remediationLogGroupArn: remediationLog.logGroupArn,
    stateTableArn: stateTable.tableArn,
    verifyQueueArn: verifyQueue.queueArn,
  };
  return { stack, template: Template.fromStack(stack), policyInput };
}

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Renders a template value as a string: `Fn::Join` joined, the partition `aws`, other refs `<Id>`. */
export function render(value: Json): string {
  if (typeof value === 'string') return value;
  if (isRecord(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join)) return (join[1] as Json[]).map(render).join(String(join[0]));
    if (value.Ref === 'AWS::Partition') return 'aws';
    if (typeof value.Ref === 'string') return `<${value.Ref}>`;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${String(getAtt[0])}.${String(getAtt[1])}>`;
  }
  return JSON.stringify(value);
}

export interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

const asArray = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);

/** The statements of every IAM policy attached to the role of the function named `functionName`. */
export function statementsOf(template: Template, functionName: string): Statement[] {
  const fns = template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: functionName } });
  const [fn] = Object.values(fns);
  if (!fn) throw new Error(`no function named ${functionName}`);
  const roleId = String((fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
    asArray(p.Properties.Roles).some((r) => isRecord(r) && r.Ref === roleId),
  );
  return policies.flatMap((p) =>
    asArray(p.Properties.PolicyDocument.Statement).map((s) => {
      const st = s as { Action: Json; Resource: Json };
      return { actions: asArray(st.Action).map(String), resources: asArray(st.Resource).map(render) };
    }),
  );
}

/** Every statement of every policy in the template. */
export function allStatements(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
    asArray(p.Properties.PolicyDocument.Statement).map((s) => {
      const st = s as { Action: Json; Resource: Json };
      return { actions: asArray(st.Action).map(String), resources: asArray(st.Resource).map(render) };
    }),
  );
}

/** The resources on which `functionName`'s role may perform `action`. */
export function resourcesFor(template: Template, functionName: string, action: string): string[] {
  return statementsOf(template, functionName)
    .filter((s) => s.actions.includes(action))
    .flatMap((s) => s.resources);
}
