/**
 * The IAM resource types the remediations' actions act on, named `service:type` as the Service
 * Authorization Reference names them (https://docs.aws.amazon.com/service-authorization/latest/reference/,
 * "Resource types defined by ..."). The CDK app maps each to ARNs from a target's props
 * (lib/constructs/private/responder-arns.ts); which types each action accepts is checked at synth
 * against lib/catalogue/iam-reference.ts.
 */
export const RESOURCE_TYPES = [
  'lambda:function',
  'lambda:function alias',
  'dynamodb:table',
  'ecs:service',
  'ecs:task',
  'apprunner:service',
  'apprunner:autoscalingconfiguration',
  'rds:db',
  'elasticache:cluster',
  'cloudfront:distribution',
  'wafv2:ipset',
  'logs:log-group',
  // Context reads only: the stack owning a target, named by its tags at run time.
  'cloudformation:stack',
] as const;

export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** The service a resource type or an IAM action belongs to: `lambda:GetAlias` → `lambda`. */
export function serviceOf(actionOrType: string): string {
  return actionOrType.slice(0, actionOrType.indexOf(':'));
}
