import { serviceOf, type ResourceType } from './resource-types';
import type { Target } from './target';
import type { TargetType } from './target-types';

/**
 * One ARN to format: `arn:<partition>:<service>:<region>:<account>:<resource><separator><name>`.
 * The CDK app formats it with `Stack.formatArn` (tokens for the account and partition), a
 * responder with the account and partition of its own role: both from the one derivation below,
 * so what a scoped session allows is what the deployment granted.
 */
export interface ArnParts {
  readonly service: string;
  readonly resource: string;
  readonly resourceName: string;
  /** `/` (`table/NAME`) or `:` (`function:NAME`), as the resource type's ARN format has it. */
  readonly separator: '/' | ':';
  /**
   * `''` for global resources (CloudFront); a region of its own (CLOUDFRONT-scoped WAF sets live in us-east-1).
   * @default - the region the configuration says the resources are in
   */
  readonly region?: string;
}

/** Formats an ARN from its parts. */
export type FormatArn = (parts: ArnParts) => string;

/** Formats an ARN of the mapping's service: resource, name, separator and, where it differs, region. */
type Arn = (resource: string, resourceName: string, separator?: '/' | ':', region?: string) => string;

/** How ARNs of one resource type are derived from the props of the one target type that names them. */
interface ArnMapping {
  readonly target: TargetType;
  /** Undefined: a target of another type, which does not name this resource type. */
  readonly arns: (target: Target, arn: Arn) => string[] | undefined;
}

type TargetOfType<T extends TargetType> = Extract<Target, { readonly type: T }>;

function from<T extends TargetType>(type: T, arns: (target: TargetOfType<T>, arn: Arn) => string[]): ArnMapping {
  const isOfType = (target: Target): target is TargetOfType<T> => target.type === type;
  return { target: type, arns: (target, arn) => (isOfType(target) ? arns(target, arn) : undefined) };
}

/** CloudWatch Logs authorizes some actions on `log-group:NAME` and others on its streams (`:*`): both. */
function logGroupArnsOf(arn: Arn, logGroupName: string): string[] {
  const group = arn('log-group', logGroupName, ':');
  return [group, `${group}:*`];
}

/** The ARNs of a log group and its streams, by the one rule the remediations' log groups follow too. */
export function logGroupArnsWith(logGroupName: string, format: FormatArn): string[] {
  return logGroupArnsOf((resource, resourceName, separator = '/', region) => format({ service: 'logs', resource, resourceName, separator, region }), logGroupName);
}

/** The unqualified function ARN: what Lambda authorizes function-level calls on. */
const functionArn = (arn: Arn, name: string) => arn('function', name, ':');

/**
 * The ARNs of each resource type, from the props of the target acted on: what least privilege
 * means for each. Keyed by the catalogue's resource types, so a type added without a mapping does
 * not compile. ARN formats: the Service Authorization Reference's "Resource types defined by ..." tables.
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
  'ecs:task': from('ecs', ({ props: { cluster } }, arn) => [arn('task', `${cluster}/*`)]),
  'apprunner:service': from('appRunner', ({ props: { name, serviceId } }, arn) => [arn('service', `${name}/${serviceId}`)]),
  // The revisions of the configured auto-scaling configuration (`<name>/<revision>/<id>`): a new
  // revision's ARN ends in a number and an id AWS generates, so they can only be granted by name.
  // No name configured, no grant (the plan then does nothing).
  'apprunner:autoscalingconfiguration': from('appRunner', ({ props: { autoScalingConfiguration } }, arn) =>
    autoScalingConfiguration === undefined ? [] : [arn('autoscalingconfiguration', `${autoScalingConfiguration}/*`)],
  ),
  'rds:db': from('rds', ({ props: { instanceId } }, arn) => [arn('db', instanceId, ':')]),
  'elasticache:cluster': from('elastiCache', ({ props: { clusterId } }, arn) => [arn('cluster', clusterId, ':')]),
  // CloudFront is global: its ARNs have no region.
  'cloudfront:distribution': from('cloudFront', ({ props: { distributionId } }, arn) => [arn('distribution', distributionId, '/', '')]),
  'wafv2:ipset': from('logGroup', ({ props: { wafIpSet } }, arn) => {
    if (!wafIpSet) return [];
    // CLOUDFRONT-scoped web ACLs and their IP sets live in us-east-1 under `global/`.
    return wafIpSet.scope === 'CLOUDFRONT'
      ? [arn('global', `ipset/${wafIpSet.name}/${wafIpSet.id}`, '/', 'us-east-1')]
      : [arn('regional', `ipset/${wafIpSet.name}/${wafIpSet.id}`)];
  }),
  'logs:log-group': from('logGroup', ({ props: { logGroupName } }, arn) => logGroupArnsOf(arn, logGroupName)),
  // Context reads: the stack owning a target is named by the target's tags at run time, so every
  // stack of the account and region (`stack/NAME/ID`); granted to read-only DescribeStacks only.
  // Any target type: `target` names the one the tests sample.
  'cloudformation:stack': { target: 'lambda', arns: (_target, arn) => [arn('stack', '*/*')] },
};

/** The catalogue declares an action on a resource type that cannot be turned into ARNs for this target. */
export class ResourceMappingError extends Error {
  override readonly name = 'ResourceMappingError';
}

/**
 * The ARNs `action` may touch on one target, as the catalogue declares it (`on`). Pure and
 * deterministic (same inputs, same strings). Throws, naming the action and the resource type, for
 * a type of another service or one this target does not name.
 */
export function resourceArns(target: Target, action: string, on: ResourceType, format: FormatArn): string[] {
  const service = serviceOf(action);
  const where = `${action} on ${on} (${target.type} target "${target.key}" of system ${target.system})`;
  if (serviceOf(on) !== service) {
    throw new ResourceMappingError(`${where}: ${on} is a resource type of ${serviceOf(on)}, not of ${service}; fix the permission in lib/catalogue/remediations.ts.`);
  }
  const mapping = ARNS[on];
  const arns = mapping.arns(target, (resource, resourceName, separator = '/', region) => format({ service, resource, resourceName, separator, region }));
  if (arns === undefined) {
    throw new ResourceMappingError(`No IAM resource mapping for ${where}: ${on} is derived from ${mapping.target} targets only; fix the permission or the remediation's target type.`);
  }
  return arns;
}

/** The target type whose props name the ARNs of a resource type. */
export function arnTargetType(on: ResourceType): TargetType {
  return ARNS[on].target;
}
