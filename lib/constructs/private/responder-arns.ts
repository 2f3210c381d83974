import { ArnFormat, type Stack } from 'aws-cdk-lib';
import { arnTargetType, logGroupArnsWith, resourceArns, serviceOf, type FormatArn, type ResourceType, type Target, type TargetType } from '../../catalogue';
import type { PlannedResponder } from '../../deployment';

/** The service of an IAM action: `lambda:GetAlias` → `lambda`. */
export const actionService = serviceOf;

/** CloudWatch Logs authorizes some actions on `log-group:NAME` and others on its streams (`:*`): grant both. */
export function logGroupArns(logGroupName: string, stack: Stack, region: string): string[] {
  return logGroupArnsWith(logGroupName, stackArnFormat(stack, region));
}

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
 * Where a resource type's ARNs (derived in lib/catalogue/resource-arns.ts) hold a wildcard: why
 * they cannot be narrower (the cdk-nag acknowledgment says it).
 */
const WILDCARDS: { readonly [R in ResourceType]?: Wildcard } = {
  'ecs:task': {
    pattern: /:task\/([^/]+)\/\*$/,
    reason: ([, cluster]) => `Tasks of the configured service's cluster ${cluster}: task ids are generated, so tasks can only be granted by pattern.`,
  },
  'apprunner:autoscalingconfiguration': {
    mutable: true,
    pattern: /:autoscalingconfiguration\/([^/]+)\/\*$/,
    reason: ([, name]) =>
      `Revisions of the configured App Runner auto-scaling configuration ${name}: CreateAutoScalingConfiguration makes a new revision whose ARN ends in a revision number and an id AWS generates; ` +
      'UpdateService, which applies it, is scoped to the configured service.',
  },
  'logs:log-group': LOG_STREAMS,
  'cloudformation:stack': {
    pattern: /:cloudformation:.*:stack\/\*\/\*$/,
    reason: () =>
      'CloudFormation stacks of the account and region, read (DescribeStacks) to see whether the stack owning a target is deploying: ' +
      "its name comes from the target's aws:cloudformation:stack-name tag at run time, unknown at synth.",
  },
};

/** Formats the catalogue's ARN parts with the stack's account and partition. */
export function stackArnFormat(stack: Stack, region: string): FormatArn {
  return ({ service, resource, resourceName, separator, region: own }) =>
    stack.formatArn({ service, region: own ?? region, resource, resourceName, arnFormat: separator === ':' ? ArnFormat.COLON_RESOURCE_NAME : ArnFormat.SLASH_RESOURCE_NAME });
}

/**
 * The ARNs an action may touch on one target, as the catalogue declares it (`on`): the
 * catalogue's derivation (shared with the responders' scoped sessions), formatted for this stack.
 * `region` is where the configuration says the resources are.
 */
export function targetArns(target: Target, action: string, on: ResourceType, stack: Stack, region: string): string[] {
  return resourceArns(target, action, on, stackArnFormat(stack, region));
}

/** Why a wildcard resource (flattened as cdk-nag names it) of a responder policy cannot be narrower; undefined when no mapping says. */
export function wildcardReason(resource: string): string | undefined {
  for (const wildcard of [...Object.values(WILDCARDS), LOG_STREAMS, ALARM_PREFIX]) {
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
  return WILDCARDS[on]?.mutable === true;
}

/** The target type whose props name the ARNs of a resource type. */
export function targetTypeOf(on: ResourceType): TargetType {
  return arnTargetType(on);
}
