/**
 * The kinds of resource a deployment can name. Pure data: imported by the CDK app (to build
 * alarms and IAM scopes) and by the responders (to parse their targets).
 */
export const TARGET_TYPES = [
  'lambda',
  'dynamodb',
  'ecs',
  'appRunner',
  'rds',
  'elastiCache',
  'cloudFront',
  'apiGateway',
  'healthCheck',
  'logGroup',
  'customMetric',
  'bedrock',
  'snsTopic',
  'billing',
] as const;

export type TargetType = (typeof TARGET_TYPES)[number];

/** Target types that can serve an API or a health check, and on which its remediation acts. */
export const BACKEND_TYPES = ['lambda', 'ecs', 'appRunner', 'rds', 'elastiCache'] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];

/** Resource keys appear in alarm names and SNS filter policies: keep them plain. */
export const RESOURCE_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

