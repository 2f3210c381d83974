import { ArnFormat, type Stack } from 'aws-cdk-lib';
import { serviceOf, type ResourceType, type Target, type TargetType } from '../../catalogue';
import type { PlannedResponder } from '../../deployment';

/** The service of an IAM action: `lambda:GetAlias` → `lambda`. */
export const actionService = serviceOf;

/** CloudWatch Logs authorizes some actions on `log-group:NAME` and others on its streams (`:*`): grant both. */
export function logGroupArns(logGroupName: string, stack: Stack, region: string): string[] {
  const arn = stack.formatArn({ service: 'logs', region, resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return [arn, `${arn}:*`];
}

/** Formats an ARN of the resource type's service: resource, name, separator, and region (CloudFront's have none). */
type FormatArn = (resource: string, resourceName: string, format?: ArnFormat, region?: string) => string;

/** Why the ARNs of a resource type end in a wildcard: a pattern of the flattened ARN, and the reason it states. */
interface Wildcard {
  readonly pattern: RegExp;
  readonly reason: (match: RegExpExecArray) => string;
  /**
   * Mutating actions may be granted on it: only where the action creates a resource whose ARN
   * ends in an id AWS generates. Otherwise synth refuses a mutating action on the wildcard.
   * @default false
   */
  readonly mutable?: boolean;
}

/** How ARNs of one resource type are derived from the props of the one target type that names them. */
interface ArnMapping {
  readonly target: TargetType;
  readonly arns: (target: Target, arn: FormatArn, logGroup: (name: string) => string[]) => string[] | undefined;
  /** Where its ARNs hold a wildcard: why they cannot be narrower (the cdk-nag acknowledgment says it). */
  readonly wildcard?: Wildcard;
}

type TargetOfType<T extends TargetType> = Extract<Target, { readonly type: T }>;

/** The unqualified function ARN: what Lambda authorizes function-level calls on. */
const functionArn = (arn: FormatArn, name: string) => arn('function', name, ArnFormat.COLON_RESOURCE_NAME);

/** A mapping for targets of `type`; another type's target gets none (undefined). */
function from<T extends TargetType>(
  type: T,
  arns: (target: TargetOfType<T>, arn: FormatArn, logGroup: (name: string) => string[]) => string[],
  wildcard?: Wildcard,
): ArnMapping {
  const isOfType = (target: Target): target is TargetOfType<T> => target.type === type;
  return { target: type, arns: (target, arn, logGroup) => (isOfType(target) ? arns(target, arn, logGroup) : undefined), wildcard };
}

/** Log streams: the remediation log and diagnostics' groups are granted by logGroupArns too, not only targets. */
export const LOG_STREAMS: Wildcard = {
  pattern: /:log-group:(.+):\*$/,
  reason: ([, group]) => `Log streams of the log group ${group}: the responder writes to or reads streams whose names it cannot know in advance.`,
};

/**
 * The responder's own alarms, which it reads back (DescribeAlarms) before acting: by the same
 * name prefixes its SNS filter uses, else by name; each in its region (us-east-1-only metrics
 * alarm there). Resource-level: the Service Authorization Reference gives DescribeAlarms the
 * `alarm` resource type (list_amazoncloudwatch); composite alarms, which need `*`, are never planned.
 */
export function alarmArns(responder: Pick<PlannedResponder, 'alarms' | 'filter'>, stack: Stack, homeRegion: string): string[] {
  const arns = new Set<string>();
  for (const entry of responder.filter) {
    const matches = (name: string) => (typeof entry === 'string' ? name === entry : name.startsWith(entry.prefix));
    const resourceName = typeof entry === 'string' ? entry : `${entry.prefix}*`;
    for (const alarm of responder.alarms.filter((a) => matches(a.name))) {
      const region = alarm.usEast1 ? 'us-east-1' : homeRegion;
      arns.add(stack.formatArn({ service: 'cloudwatch', region, resource: 'alarm', resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
    }
  }
  return [...arns];
}

/**
 * Every planned alarm of these systems, by one name prefix per system (`<prefix>-<system>-*`) in
 * each region its alarms live in: what the verifier may be asked to re-check. Coarser than the
 * responders' per-kind prefixes, so that a deployment of many systems stays within IAM's policy
 * quotas; still only this deployment's alarms, and DescribeAlarms only reads.
 */
export function plannedAlarmArns(
  systems: ReadonlyArray<{ readonly id: string; readonly alarms: ReadonlyArray<{ readonly name: string; readonly usEast1: boolean }> }>,
  prefix: string,
  stack: Stack,
  homeRegion: string,
): string[] {
  const arns = new Set<string>();
  for (const system of systems) {
    const namePrefix = `${prefix}-${system.id}-`;
    for (const alarm of system.alarms) {
      if (!alarm.name.startsWith(namePrefix)) throw new Error(`Alarm ${alarm.name} of system ${system.id} does not start with ${namePrefix}: the verifier could not read it.`);
      const region = alarm.usEast1 ? 'us-east-1' : homeRegion;
      arns.add(stack.formatArn({ service: 'cloudwatch', region, resource: 'alarm', resourceName: `${namePrefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }));
    }
  }
  return [...arns];
}

const ALARM_PREFIX: Wildcard = {
  pattern: /:alarm:(.+)\*$/,
  reason: ([, prefix]) =>
    `Alarms named ${prefix}*: every alarm of that alert kind in the system is this responder's (its SNS filter uses the same prefix); it reads them back before acting.`,
};

/**
 * The ARNs of each resource type, from the props of the target acted on: what least privilege
 * means for each. Keyed by the catalogue's resource types, so a type the catalogue adds without
 * a mapping does not compile, and one declared for an action of another service or on a target
 * that does not name it fails at synth (below), not with AccessDenied in production. ARN
 * formats: the Service Authorization Reference's "Resource types defined by ..." tables.
 */
const ARNS: { readonly [R in ResourceType]: ArnMapping } = {
  // Function-level calls (PutFunctionConcurrency, UpdateFunctionConfiguration, PublishVersion, and
  // GetAlias/UpdateAlias, which Lambda authorizes on the function) name it unqualified: that ARN only.
  'lambda:function': from('lambda', ({ props: { name } }, arn) => [functionArn(arn, name)]),
  // Calls with a Qualifier are authorized on the qualified ARN ("Resources and conditions for Lambda
  // actions", Lambda Developer Guide): exactly the configured alias; none where no alias is configured.
  'lambda:function alias': from('lambda', ({ props: { name, alias } }, arn) => (alias === undefined ? [] : [`${functionArn(arn, name)}:${alias}`])),
  'dynamodb:table': from('dynamodb', ({ props: { name } }, arn) => [arn('table', name)]),
  'ecs:service': from('ecs', ({ props: { cluster, service } }, arn) => [arn('service', `${cluster}/${service}`)]),
  // Task ids are generated: the tasks of the service's cluster.
  'ecs:task': from('ecs', ({ props: { cluster } }, arn) => [arn('task', `${cluster}/*`)], {
    pattern: /:task\/([^/]+)\/\*$/,
    reason: ([, cluster]) => `Tasks of the configured service's cluster ${cluster}: task ids are generated, so tasks can only be granted by pattern.`,
  }),
  'apprunner:service': from('appRunner', ({ props: { name, serviceId } }, arn) => [arn('service', `${name}/${serviceId}`)]),
  // The revisions of the configured auto-scaling configuration (`<name>/<revision>/<id>`): a new
  // revision's ARN ends in a number and an id AWS generates, so they can only be granted by name.
  // No name configured, no grant (the plan then does nothing).
  'apprunner:autoscalingconfiguration': from('appRunner', ({ props: { autoScalingConfiguration } }, arn) =>
    autoScalingConfiguration === undefined ? [] : [arn('autoscalingconfiguration', `${autoScalingConfiguration}/*`)], {
    mutable: true,
    pattern: /:autoscalingconfiguration\/([^/]+)\/\*$/,
    reason: ([, name]) =>
      `Revisions of the configured App Runner auto-scaling configuration ${name}: CreateAutoScalingConfiguration makes a new revision whose ARN ends in a revision number and an id AWS generates; ` +
      'UpdateService, which applies it, is scoped to the configured service.',
  }),
  'rds:db': from('rds', ({ props: { instanceId } }, arn) => [arn('db', instanceId, ArnFormat.COLON_RESOURCE_NAME)]),
  'elasticache:cluster': from('elastiCache', ({ props: { clusterId } }, arn) => [arn('cluster', clusterId, ArnFormat.COLON_RESOURCE_NAME)]),
  // CloudFront is global: its ARNs have no region.
  'cloudfront:distribution': from('cloudFront', ({ props: { distributionId } }, arn) => [arn('distribution', distributionId, ArnFormat.SLASH_RESOURCE_NAME, '')]),
  'wafv2:ipset': from('logGroup', ({ props: { wafIpSet } }, arn) => {
    if (!wafIpSet) return [];
    // CLOUDFRONT-scoped web ACLs and their IP sets live in us-east-1 under `global/`.
    return wafIpSet.scope === 'CLOUDFRONT'
      ? [arn('global', `ipset/${wafIpSet.name}/${wafIpSet.id}`, ArnFormat.SLASH_RESOURCE_NAME, 'us-east-1')]
      : [arn('regional', `ipset/${wafIpSet.name}/${wafIpSet.id}`)];
  }),
  'logs:log-group': from('logGroup', ({ props: { logGroupName } }, _arn, logGroup) => logGroup(logGroupName), LOG_STREAMS),
  // Context reads: the stack owning a target is named by the target's tags at run time, so every
  // stack of the account and region (`stack/NAME/ID`); granted to read-only DescribeStacks only.
  // Any target type: `target` names the one the tests sample.
  'cloudformation:stack': {
    target: 'lambda',
    arns: (_target, arn) => [arn('stack', '*/*')],
    wildcard: {
      pattern: /:cloudformation:.*:stack\/\*\/\*$/,
      reason: () =>
        'CloudFormation stacks of the account and region, read (DescribeStacks) to see whether the stack owning a target is deploying: ' +
        "its name comes from the target's aws:cloudformation:stack-name tag at run time, unknown at synth.",
    },
  },
};

/** The catalogue declares an action on a resource type that the CDK app cannot turn into ARNs. */
export class ResourceMappingError extends Error {
  override readonly name = 'ResourceMappingError';
}

/**
 * The ARNs an action may touch on one target, as the catalogue declares it (`on`). Pure and
 * deterministic (same inputs, same strings), so statements that share resources can be merged.
 * `region` is where the configuration says the resources are. Throws, naming the action and the
 * resource type, for a type of another service or one this target does not name.
 */
export function targetArns(target: Target, action: string, on: ResourceType, stack: Stack, region: string): string[] {
  const service = serviceOf(action);
  const where = `${action} on ${on} (${target.type} target "${target.key}" of system ${target.system})`;
  if (serviceOf(on) !== service) {
    throw new ResourceMappingError(`${where}: ${on} is a resource type of ${serviceOf(on)}, not of ${service}; fix the permission in lib/catalogue/remediations.ts.`);
  }
  const mapping = ARNS[on];
  const arn: FormatArn = (resource, resourceName, format = ArnFormat.SLASH_RESOURCE_NAME, r = region) =>
    stack.formatArn({ service, region: r, resource, resourceName, arnFormat: format });
  const arns = mapping.arns(target, arn, (name) => logGroupArns(name, stack, region));
  if (arns === undefined) {
    throw new ResourceMappingError(`No IAM resource mapping for ${where}: ${on} is derived from ${mapping.target} targets only; fix the permission or the remediation's target type.`);
  }
  return arns;
}

/** Why a wildcard resource (flattened as cdk-nag names it) of a responder policy cannot be narrower; undefined when no mapping says. */
export function wildcardReason(resource: string): string | undefined {
  for (const wildcard of [...Object.values(ARNS).map((m) => m.wildcard), LOG_STREAMS, ALARM_PREFIX]) {
    const match = wildcard?.pattern.exec(resource);
    if (wildcard && match) return wildcard.reason(match);
  }
  return undefined;
}

/**
 * Whether a mutating action may be granted on this resource type's wildcard ARNs (App Runner's
 * configuration revisions only); false for types whose ARNs hold no wildcard is never asked.
 */
export function mayMutateThroughWildcard(on: ResourceType): boolean {
  return ARNS[on].wildcard?.mutable === true;
}

/** The target type whose props name the ARNs of a resource type. */
export function targetTypeOf(on: ResourceType): TargetType {
  return ARNS[on].target;
}
