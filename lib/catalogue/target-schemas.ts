/** The shape of each target type's props, as the configuration gives them and the responders parse them. */
// A namespace import lets esbuild tree-shake zod (the named `z` export drags in every locale).
import * as z from 'zod';
import { BACKEND_TYPES, RESOURCE_KEY_PATTERN, type TargetType } from './target-types';

const key = z
  .string()
  .regex(RESOURCE_KEY_PATTERN, 'must be 1-100 characters of letters, digits, ".", "_" or "-", starting with a letter or digit');

/** A reference from an API, health check or custom metric to the resource that serves it. */
export const backendRefSchema = z
  .object({
    type: z.enum(BACKEND_TYPES).describe('Type of the serving resource.'),
    key: key.describe('Key of the serving resource in the same system: its "id", else its name (ecs: service, rds: instanceId, elastiCache: clusterId).'),
  })
  .strict();
export type BackendRef = z.infer<typeof backendRefSchema>;

export const lambdaTargetSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Lambda function name (1-64 letters, digits, "-" or "_")')
      .describe('Function name (not ARN): the default key, watched by the Lambda alarms and changed by the Lambda remediations.'),
    alias: z
      .string()
      .regex(/^(?!^[0-9]+$)[A-Za-z0-9_-]{1,128}$/, 'must be an alias name, not a version number')
      .refine((a) => a !== '$LATEST', 'provisioned concurrency never applies to $LATEST')
      .optional()
      .describe('Alias (not a version or $LATEST) whose metrics are watched; raise-provisioned-concurrency and rollback-lambda-alias need it.'),
    logGroupName: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe("The function's log group, filtered by lambda-timeouts and lambda-memory (default /aws/lambda/<name>)."),
  })
  .strict();

export const dynamodbTargetSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')
      .describe('Table name: the default key, watched by dynamodb-throttling and switched by switch-dynamodb-on-demand.'),
  })
  .strict();

export const ecsTargetSchema = z
  .object({
    cluster: z.string().min(1).max(255).describe("Name of the service's ECS cluster (the ClusterName metric dimension)."),
    service: z
      .string()
      .min(1)
      .max(255)
      .describe('ECS service name: the default key, acted on by redeploy-ecs-service and scale-out-ecs-service.'),
    containerInsights: z
      .boolean()
      .default(false)
      .describe(
        'Whether Container Insights is on for the cluster (off by default in AWS): ecs-service-down then watches its RunningTaskCount; ' +
          'otherwise the AWS/ECS metrics, which ECS publishes only while tasks run (default false).',
      ),
  })
  .strict();

export const appRunnerTargetSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/, 'must be an App Runner service name')
      .describe('App Runner service name: the default key and the ServiceName metric dimension.'),
    serviceId: z
      .string()
      .regex(/^[a-f0-9]{32}$/, 'must be the 32-hex-digit App Runner service id')
      .describe('The 32-hex-digit service id ending the service ARN, which redeploy-apprunner-service and raise-apprunner-max-size act on.'),
    autoScalingConfiguration: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{3,31}$/, 'must be an App Runner auto-scaling configuration name')
      .optional()
      .describe(
        "The name of the service's auto-scaling configuration: raise-apprunner-max-size creates new revisions of it and is granted that name's revisions only. " +
          'Without it that remediation has no grant and plans nothing (default none).',
      ),
  })
  .strict();

export const rdsTargetSchema = z
  .object({
    instanceId: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'must be an RDS DB instance identifier')
      .describe('DB instance identifier: the default key, watched by database-connections and rebooted by reboot-rds-instance.'),
    maxConnections: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .describe("The instance's max_connections: database-connections alarms on DatabaseConnections as a percentage of it."),
  })
  .strict();

export const elastiCacheTargetSchema = z
  .object({
    clusterId: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,49}$/, 'must be an ElastiCache cache cluster id')
      .describe('Cache cluster id: the default key, watched by redis-connection-failed and rebooted by reboot-elasticache-cluster.'),
  })
  .strict();

export const cloudFrontTargetSchema = z
  .object({
    distributionId: z
      .string()
      .regex(/^[A-Z0-9]{8,20}$/, 'must be a CloudFront distribution id')
      .describe('Distribution id: the default key, watched by frontend-errors and invalidated by invalidate-cloudfront.'),
  })
  .strict();

export const apiGatewayTargetSchema = z
  .object({
    name: z.string().min(1).max(1024).describe('API name (the ApiName metric dimension, not the API id): the default key.'),
    stage: z.string().min(1).max(128).optional().describe('Stage to watch (the Stage dimension); the whole API where omitted.'),
    backends: z
      .array(backendRefSchema)
      .default([])
      .describe('Resources serving the API, remediated by its high-error-rate and high-latency alarms (default none: escalate).'),
  })
  .strict();

export const healthCheckTargetSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).describe('HTTP(S) URL a Route 53 health check probes, for the api-down alarm.'),
    backends: z
      .array(backendRefSchema)
      .default([])
      .describe('Resources serving the URL: api-down redeploys the ecs and appRunner ones (default none).'),
  })
  .strict();

export const wafIpSetSchema = z
  .object({
    name: z.string().min(1).max(128).describe('IP set name.'),
    id: z.string().min(1).max(36).describe('IP set id.'),
    scope: z.enum(['REGIONAL', 'CLOUDFRONT']).describe('IP set scope: REGIONAL in the deployment region, or CLOUDFRONT (us-east-1).'),
    allowCidrs: z
      .array(z.union([z.cidrv4(), z.cidrv6()]))
      .max(100)
      .optional()
      .describe(
        "CIDR ranges block-source-ips never blocks, such as the deployment's own NAT and egress addresses (for example 203.0.113.10/32); " +
          "Route 53 health checkers and private, loopback and link-local ranges are never blocked either.",
      ),
  })
  .strict();
export type WafIpSet = z.infer<typeof wafIpSetSchema>;

export const logGroupTargetSchema = z
  .object({
    logGroupName: z
      .string()
      .min(1)
      .max(512)
      .describe("Log group whose matching events the alarm counts, and in whose matching events block-source-ips finds the failing requests' sources."),
    alert: z.string().describe('The alert kind these events feed: auth-failures, unauthorized-access or security-violation.'),
    filterPattern: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .describe("CloudWatch Logs filter pattern of the matching events; the alert kind's default where omitted."),
    sourceIpField: z
      .string()
      .min(1)
      .max(100)
      .default('ip')
      .describe(
        'Field of the JSON log events holding the client IP (a dotted path for nested fields), read by block-source-ips (default "ip"). ' +
          'Name a field the edge wrote (API Gateway sourceIp, a load balancer client address), not a header a client can set such as X-Forwarded-For.',
      ),
    wafIpSet: wafIpSetSchema.optional().describe("WAF IP set block-source-ips adds the failing requests' top sources to; without it, nothing is blocked."),
  })
  .strict();

export const customMetricTargetSchema = z
  .object({
    alert: z.string().describe('The alert kind the metric feeds: one with a customMetric signal, such as queue-depth or data-inconsistency.'),
    namespace: z.string().min(1).max(255).describe("The metric's CloudWatch namespace."),
    metricName: z.string().min(1).max(255).describe("The metric's name."),
    dimensions: z.record(z.string(), z.string()).default({}).describe("The metric's dimensions, name to value (default none)."),
    statistic: z.string().min(1).optional().describe("The alarm's statistic (Sum, Average, p95...); the alert kind's default where omitted."),
    backends: z
      .array(backendRefSchema)
      .default([])
      .describe('Resources behind the metric: database-connections reboots rds ones, redis-connection-failed elastiCache ones (default none).'),
  })
  .strict();

export const bedrockTargetSchema = z
  .object({
    modelId: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .describe('Model id (the ModelId dimension) ai-throttling watches; all models, with key "all-models", where omitted.'),
  })
  .strict();

export const snsTopicTargetSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/)
      .describe('Topic name: the default key, watched by notification-delivery-failed.'),
  })
  .strict();

export const billingTargetSchema = z
  .object({
    currency: z.string().length(3).default('USD').describe('Currency of the EstimatedCharges metric daily-cost watches (default USD).'),
    billingAlerts: z
      .boolean()
      .default(false)
      .describe(
        'Whether "Receive Billing Alerts" is on for the account (off by default in AWS): AWS publishes EstimatedCharges only then; ' +
          'without it no daily-cost alarm is created and synth says so (default false).',
      ),
  })
  .strict();

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

