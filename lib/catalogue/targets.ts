// A namespace import lets esbuild tree-shake zod (the named `z` export drags in every locale).
import * as z from 'zod';

/**
 * The kinds of resource a deployment can name, and their shapes. Pure data: imported by the CDK
 * app (to build alarms and IAM scopes) and by the responders (to parse their targets).
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

const key = z
  .string()
  .regex(RESOURCE_KEY_PATTERN, 'must be 1-100 characters of letters, digits, ".", "_" or "-", starting with a letter or digit');

/** Caps that bound what a remediation may set (AWS's own limits are enforced on top). */
export const capsSchema = z
  .object({
    maxProvisionedConcurrency: z.number().int().min(1).max(100000),
    provisionedConcurrencyStep: z.number().int().min(1).max(10000),
    maxReservedConcurrency: z.number().int().min(1).max(100000),
    reservedConcurrencyStep: z.number().int().min(1).max(10000),
    maxMemoryMb: z.number().int().min(128).max(10240),
    maxTimeoutSeconds: z.number().int().min(1).max(900),
    maxDesiredCount: z.number().int().min(1).max(5000),
    maxAppRunnerMaxSize: z.number().int().min(1).max(1000),
    appRunnerMaxSizeStep: z.number().int().min(1).max(100),
    rollbackWindowMinutes: z.number().int().min(1).max(1440),
  })
  .strict();
export type Caps = z.infer<typeof capsSchema>;

/** Defaults where neither the deployment nor the system sets a cap. */
export const DEFAULT_CAPS: Caps = {
  maxProvisionedConcurrency: 10,
  provisionedConcurrencyStep: 2,
  maxReservedConcurrency: 100,
  reservedConcurrencyStep: 10,
  maxMemoryMb: 3008,
  maxTimeoutSeconds: 300,
  maxDesiredCount: 10,
  maxAppRunnerMaxSize: 25,
  appRunnerMaxSizeStep: 5,
  rollbackWindowMinutes: 60,
};

/** A reference from an API, health check or custom metric to the resource that serves it. */
export const backendRefSchema = z
  .object({
    type: z.enum(BACKEND_TYPES),
    key: key,
  })
  .strict();
export type BackendRef = z.infer<typeof backendRefSchema>;

export const lambdaTargetSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Lambda function name (1-64 letters, digits, "-" or "_")'),
    alias: z
      .string()
      .regex(/^(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}$/, 'must be an alias name, not a version number')
      .refine((a) => a !== '$LATEST', 'provisioned concurrency never applies to $LATEST')
      .optional(),
    logGroupName: z.string().min(1).max(512).optional(),
  })
  .strict();

export const dynamodbTargetSchema = z
  .object({ name: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name') })
  .strict();

export const ecsTargetSchema = z
  .object({ cluster: z.string().min(1).max(255), service: z.string().min(1).max(255) })
  .strict();

export const appRunnerTargetSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/, 'must be an App Runner service name'),
    serviceId: z.string().regex(/^[a-f0-9]{32}$/, 'must be the 32-hex-digit App Runner service id'),
  })
  .strict();

export const rdsTargetSchema = z
  .object({
    instanceId: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'must be an RDS DB instance identifier'),
    maxConnections: z.number().int().min(1).max(100000),
  })
  .strict();

export const elastiCacheTargetSchema = z
  .object({ clusterId: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,49}$/, 'must be an ElastiCache cache cluster id') })
  .strict();

export const cloudFrontTargetSchema = z
  .object({ distributionId: z.string().regex(/^[A-Z0-9]{8,20}$/, 'must be a CloudFront distribution id') })
  .strict();

export const apiGatewayTargetSchema = z
  .object({
    name: z.string().min(1).max(1024),
    stage: z.string().min(1).max(128).optional(),
    backends: z.array(backendRefSchema).default([]),
  })
  .strict();

export const healthCheckTargetSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    backends: z.array(backendRefSchema).default([]),
  })
  .strict();

export const wafIpSetSchema = z
  .object({
    name: z.string().min(1).max(128),
    id: z.string().min(1).max(36),
    scope: z.enum(['REGIONAL', 'CLOUDFRONT']),
  })
  .strict();
export type WafIpSet = z.infer<typeof wafIpSetSchema>;

export const logGroupTargetSchema = z
  .object({
    logGroupName: z.string().min(1).max(512),
    /** The alert kind this log signal feeds (security-violation, auth-failures, unauthorized-access). */
    alert: z.string(),
    /** CloudWatch Logs filter pattern; the kind's default where omitted. */
    filterPattern: z.string().min(1).max(1024).optional(),
    /** Logs Insights field holding the client IP, for the top-source-IP diagnostics. */
    sourceIpField: z.string().min(1).max(100).default('ip'),
    wafIpSet: wafIpSetSchema.optional(),
  })
  .strict();

export const customMetricTargetSchema = z
  .object({
    alert: z.string(),
    namespace: z.string().min(1).max(255),
    metricName: z.string().min(1).max(255),
    dimensions: z.record(z.string(), z.string()).default({}),
    statistic: z.string().min(1).optional(),
    backends: z.array(backendRefSchema).default([]),
  })
  .strict();

export const bedrockTargetSchema = z.object({ modelId: z.string().min(1).max(2048).optional() }).strict();

export const snsTopicTargetSchema = z.object({ name: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/) }).strict();

export const billingTargetSchema = z.object({ currency: z.string().length(3).default('USD') }).strict();

/** The shape of each target type, without the common fields (id, caps, overrides). */
export const TARGET_SCHEMAS = {
  lambda: lambdaTargetSchema,
  dynamodb: dynamodbTargetSchema,
  ecs: ecsTargetSchema,
  appRunner: appRunnerTargetSchema,
  rds: rdsTargetSchema,
  elastiCache: elastiCacheTargetSchema,
  cloudFront: cloudFrontTargetSchema,
  apiGateway: apiGatewayTargetSchema,
  healthCheck: healthCheckTargetSchema,
  logGroup: logGroupTargetSchema,
  customMetric: customMetricTargetSchema,
  bedrock: bedrockTargetSchema,
  snsTopic: snsTopicTargetSchema,
  billing: billingTargetSchema,
} as const satisfies Record<TargetType, z.ZodType>;

export type TargetProps<T extends TargetType> = z.output<(typeof TARGET_SCHEMAS)[T]>;

/** Where a target's key comes from when the configuration gives no `id`; undefined: `id` is required. */
export const DEFAULT_KEY: { readonly [T in TargetType]?: (t: TargetProps<T>) => string } = {
  lambda: (t) => t.name,
  dynamodb: (t) => t.name,
  ecs: (t) => t.service,
  appRunner: (t) => t.name,
  rds: (t) => t.instanceId,
  elastiCache: (t) => t.clusterId,
  cloudFront: (t) => t.distributionId,
  apiGateway: (t) => t.name,
  bedrock: (t) => t.modelId ?? 'all-models',
  snsTopic: (t) => t.name,
  billing: () => 'account',
};

/**
 * A configured resource as the responders see it: its type and props, the key in its alarm names,
 * its effective caps and the guarded remediations the configuration enables on it.
 */
export interface Target<T extends TargetType = TargetType> {
  readonly type: T;
  readonly key: string;
  readonly system: string;
  readonly props: TargetProps<T>;
  readonly caps: Caps;
  /** Guarded remediations enabled for this target; all others only plan and escalate. */
  readonly guarded: readonly string[];
  /** The resolved backends an API, health check or custom metric acts on. */
  readonly backends?: readonly Target[];
}
