import * as z from 'zod';
import { DEFAULT_DEPLOYMENT_AUTONOMY, autonomyLevelsSchema, deploymentAutonomySchema } from './autonomy-schema';
import { DEFAULT_CONTEXT_SETTINGS, DEFAULT_MAINTENANCE_ESCALATION, DEFAULT_LOG_LINES, LOG_LINE_MODES, MAX_LOG_LINES, REMEDIATIONS, RESOURCE_KEY_PATTERN, TARGET_SCHEMAS, capsSchema, regexProblem, type TargetType } from '../catalogue';
import { maintenanceSchema, scopedMaintenanceSchema } from './maintenance-schema';

/** Overrides of one alert kind's defaults, for a system or a single resource. */
export const alertOverrideSchema = z
  .object({
    threshold: z.number().finite().optional().describe("The alarm threshold, in the alert kind's unit (within the kind's range)."),
    disabled: z.boolean().optional().describe('true: no alarm for this alert kind.'),
    periodSeconds: z
      .union([z.literal(10), z.literal(30), z.number().int().min(60).multipleOf(60).max(86400)])
      .optional()
      .describe('The metric period: 10, 30 or a multiple of 60 up to 86400.'),
    evaluationPeriods: z.number().int().min(1).max(100).optional().describe('Periods the alarm evaluates.'),
    datapointsToAlarm: z.number().int().min(1).max(100).optional().describe('Breaching periods, out of evaluationPeriods, that raise the alarm.'),
  })
  .strict()
  .meta({ id: 'AlertOverride', description: "Overrides of one alert kind's defaults." });
export type AlertOverride = z.infer<typeof alertOverrideSchema>;

/** Overrides keyed by alert kind id (checked against the catalogue after parsing). */
const alertOverridesSchema = z
  .record(z.string(), alertOverrideSchema)
  .meta({ id: 'AlertOverrides', description: 'Overrides of alert kind defaults, keyed by alert kind id (for example "high-error-rate").' });

/** Caps at one level (deployment, system or resource); unset caps fall back to the level above. */
const capsOverrideSchema = capsSchema
  .partial()
  .meta({ id: 'Caps', description: 'Upper bounds on what remediations may set; unset caps fall back to the system, then the deployment, then the built-in defaults.' });

const guardedIds = Object.entries(REMEDIATIONS)
  .filter(([, spec]) => spec.guarded)
  .map(([id]) => id) as [string, ...string[]];

/** Fields every resource may carry, whatever its type. */
const commonFields = {
  id: z
    .string()
    .regex(RESOURCE_KEY_PATTERN, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit')
    .optional()
    .describe("The resource's key in alarm names, unique within its system; defaults to the resource's name where it has one."),
  caps: capsOverrideSchema.optional(),
  guarded: z
    .array(z.enum(guardedIds))
    .optional()
    .describe('Guarded remediations allowed to run for real on this resource: an alias of autonomy level "auto" for each (see "autonomy").'),
  autonomy: autonomyLevelsSchema.optional(),
  alerts: alertOverridesSchema.optional(),
  maintenance: scopedMaintenanceSchema.optional(),
};

/** What each resource type names; shown by editors through the JSON Schema. */
const RESOURCE_DESCRIPTIONS: { readonly [T in TargetType]: string } = {
  lambda: 'Lambda functions by name, optionally through an alias (metrics and provisioned concurrency then apply to the alias).',
  dynamodb: 'DynamoDB tables by name.',
  ecs: 'ECS services by cluster and service name.',
  appRunner: 'App Runner services by name and service id.',
  rds: 'RDS DB instances by identifier, with their max_connections.',
  elastiCache: 'ElastiCache cache clusters by cluster id.',
  cloudFront: 'CloudFront distributions by distribution id.',
  apiGateway: 'API Gateway APIs by name, with the backends that serve them.',
  healthCheck: 'HTTP(S) endpoints to probe, with the backends that serve them; "id" is required.',
  logGroup: 'CloudWatch Logs log groups whose matching events feed one alert kind ("alert"); "id" is required.',
  customMetric: 'Application metrics in CloudWatch that feed one alert kind ("alert"); "id" is required.',
  bedrock: 'Amazon Bedrock invocations, of one model ("modelId") or of all models.',
  snsTopic: 'SNS topics by name.',
  billing: "The account's estimated charges.",
};

function resourceList<T extends TargetType>(type: T) {
  return z.array(TARGET_SCHEMAS[type].extend(commonFields)).optional().describe(RESOURCE_DESCRIPTIONS[type]);
}

export const resourcesSchema = z
  .object({
    lambda: resourceList('lambda'),
    dynamodb: resourceList('dynamodb'),
    ecs: resourceList('ecs'),
    appRunner: resourceList('appRunner'),
    rds: resourceList('rds'),
    elastiCache: resourceList('elastiCache'),
    cloudFront: resourceList('cloudFront'),
    apiGateway: resourceList('apiGateway'),
    healthCheck: resourceList('healthCheck'),
    logGroup: resourceList('logGroup'),
    customMetric: resourceList('customMetric'),
    bedrock: resourceList('bedrock'),
    snsTopic: resourceList('snsTopic'),
    billing: resourceList('billing'),
  })
  .strict()
  .describe("The system's resources, by type; each becomes the alarms of the alert kinds that apply to its type.");
export type Resources = z.infer<typeof resourcesSchema>;

/** An IAM role ARN, with or without a path (`arn:aws:iam::123456789012:role/path/Name`). */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;

const approverList = z
  .array(z.string().regex(ROLE_ARN, 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/oncall'))
  .max(20)
  .describe(
    "IAM roles whose sessions may approve or reject a proposal through a responder's function URL (AWS_IAM auth). " +
      'Empty: nothing is proposed, guarded actions only plan and escalate.',
  );
const expiresMinutes = z.number().int().min(5).max(1440).describe('Minutes a proposal can be approved after it is made (default 30).');

/** Who may approve the responders' proposals, and how long a proposal waits. */
export const approvalsSchema = z
  .object({
    approvers: approverList,
    // No default here: a system's setting must not be filled in over the deployment's (lib/deployment/targets.ts applies 30).
    expiresMinutes: expiresMinutes.optional(),
  })
  .strict()
  .meta({ id: 'Approvals', description: 'Approvals of proposed plans: who approves, and for how long a proposal stands.' });
export type ApprovalsConfig = z.infer<typeof approvalsSchema>;

export const systemSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, 'must be 2-40 lowercase letters, digits or "-", starting with a letter')
      .describe('Names the system in alarm names and responders: 2-40 lowercase letters, digits or "-", unique in the deployment.'),
    description: z.string().max(500).optional().describe('What the system is, for people.'),
    runbook: z.string().max(200).optional().describe("Where the system's runbook lives (path or URL), for people."),
    caps: capsOverrideSchema.optional(),
    autonomy: autonomyLevelsSchema.optional(),
    alerts: alertOverridesSchema.optional(),
    approvals: z
      .object({ approvers: approverList.optional(), expiresMinutes: expiresMinutes.optional() })
      .strict()
      .optional()
      .describe("This system's approvers and expiry, in place of the deployment's (each field set here wins)."),
    maintenance: scopedMaintenanceSchema.optional(),
    resources: resourcesSchema,
  })
  .strict()
  .meta({ id: 'System', description: 'An application whose resources are watched and remediated together.' });
export type SystemConfig = z.infer<typeof systemSchema>;

export const guardrailsSchema = z
  .object({
    cooldownMinutes: z.number().int().min(0).max(1440).default(15).describe('Minimum minutes between two applied actions of one remediation on one resource.'),
    maxActionsPerHour: z.number().int().min(0).max(1000).default(20).describe('Circuit breaker: mutating actions per hour across all responders; beyond it, escalate.'),
    verifyAfterMinutes: z.number().int().min(1).max(15).default(10).describe('Minutes before re-checking an alarm after an applied action.'),
    autonomousSeverities: z
      .array(z.enum(['P0', 'P1', 'P2']))
      .default(['P0', 'P1'])
      .describe('Severities whose alarms may change resources on their own: an alias of autonomy caps (listed: up to auto; not listed: at most propose).'),
    initialMode: z
      .enum(['enforce', 'dry-run', 'off'])
      .default('enforce')
      .describe('The initial value of the kill-switch parameter /<prefix>/mode.'),
    maxNotificationAgeMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(60)
      .describe('A notification whose alarm transition (StateChangeTime) is older than this is stale: recorded and escalated, never acted on.'),
    maxClockSkewSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(300)
      .describe('A notification whose StateChangeTime is further than this in the future is stale: recorded and escalated, never acted on.'),
  })
  .strict()
  .describe('Limits on what the responders do on their own.');
export type Guardrails = z.infer<typeof guardrailsSchema>;

export const contextSchema = z
  .object({
    budgetMs: z
      .number()
      .int()
      .min(100)
      .max(10000)
      .default(DEFAULT_CONTEXT_SETTINGS.budgetMs)
      .describe('Time budget, in milliseconds, shared by every context read of a notification (deployments, recent changes, ownership); past it, the decision goes ahead on the alarm alone and the record says "context unavailable".'),
    recentChangesMinutes: z
      .number()
      .int()
      .min(5)
      .max(1440)
      .default(DEFAULT_CONTEXT_SETTINGS.recentChangesMinutes)
      .describe('How far back, in minutes, the management changes made to the target are looked up in CloudTrail (listed in every record and escalation).'),
    allowRevert: z
      .boolean()
      .default(DEFAULT_CONTEXT_SETTINGS.allowRevert)
      .describe('true: a revert of a recent change the responder knows how to reverse may apply on its own; false: it is at most proposed to people.'),
    deploymentRecheckMinutes: z
      .number()
      .int()
      .min(1)
      .max(15)
      .default(DEFAULT_CONTEXT_SETTINGS.deploymentRecheckMinutes)
      .describe('Minutes after which an action held for a deployment in progress is re-checked (escalated if the alarm still fires); at most 15, the longest delay SQS allows.'),
  })
  .strict()
  .describe('What the responders look at around a target before acting: deployments in progress, recent changes, the owning CloudFormation stack.');
export type ContextConfig = z.infer<typeof contextSchema>;

const redactPatternSchema = z.string().min(1).superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `is not a valid JavaScript regular expression: ${problem}`, input: source });
});

export const logLinesSchema = z
  .object({
    include: z
      .enum(LOG_LINE_MODES)
      .default(DEFAULT_LOG_LINES.include)
      .describe('"redacted": the matching log lines, with secrets and personal data replaced by [REDACTED:<kind>]; "none": no log line.'),
    maxLines: z.number().int().min(1).max(MAX_LOG_LINES).default(DEFAULT_LOG_LINES.maxLines).describe(`Log lines per escalation, 1 to ${MAX_LOG_LINES}.`),
    redactPatterns: z
      .array(redactPatternSchema)
      .default([])
      .describe('Further JavaScript regular expressions (for example "MRN-\\d{6}") whose matches are redacted, after the built-in rules.'),
  })
  .strict()
  .describe("What escalations carry of the application's log lines (they go to email and HTTPS subscribers).");
export type LogLines = z.infer<typeof logLinesSchema>;

export const escalationSchema = z
  .object({
    emails: z.array(z.email()).default([]).describe('Addresses subscribed to escalations (each confirms its subscription).'),
    httpsUrls: z.array(z.url({ protocol: /^https$/ })).default([]).describe('HTTPS endpoints subscribed to escalations.'),
    logLines: logLinesSchema.default({ ...DEFAULT_LOG_LINES, redactPatterns: [] }),
  })
  .strict()
  .describe('Who hears about what the responders could not or would not fix.');

const ACCOUNT_PATTERN = /^\d{12}$/;
const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const accountId = () => z.string().regex(ACCOUNT_PATTERN, 'must be a 12-digit AWS account id');
const regionName = () => z.string().regex(REGION_PATTERN, 'must be an AWS region such as us-east-1');

/** One account and region the deployment runs in, in a multi-account configuration. */
export const environmentSchema = z
  .object({
    account: accountId().describe('The 12-digit id of the member account.'),
    region: regionName().optional().describe('The region of its stacks and watched resources; default: the top-level "region".'),
    systems: z
      .array(z.string())
      .min(1, 'must name at least one system, or be left out for every system')
      .optional()
      .describe('Ids of the systems watched in this account and region; default: every system.'),
  })
  .strict()
  .meta({ id: 'Environment', description: 'A member account and region: it gets a CDK stage with the stacks of its systems.' });
export type EnvironmentConfig = z.infer<typeof environmentSchema>;

/** The central account of a multi-account configuration. */
export const operationsSchema = z
  .object({
    account: accountId().describe('The 12-digit id of the operations (central) account.'),
    region: regionName().optional().describe('The region of the operations stack; default: the top-level "region".'),
    escalation: z
      .object({
        emails: z.array(z.email()).default([]).describe('Addresses subscribed to the central escalation topic.'),
        httpsUrls: z.array(z.url({ protocol: /^https$/ })).default([]).describe('HTTPS endpoints subscribed to the central escalation topic.'),
      })
      .strict()
      .default({ emails: [], httpsUrls: [] })
      .describe("Who hears every account's escalations."),
  })
  .strict()
  .meta({
    id: 'Operations',
    description: "The central account: every member account's records arrive in one log group there, every escalation in one topic, with one dashboard.",
  });
export type OperationsConfig = z.infer<typeof operationsSchema>;

export const deploymentConfigSchema = z
  .object({
    /** Lets a configuration file name its JSON Schema for editors; dropped after parsing. */
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors (for example "../config.schema.json"); ignored by the app.'),
    prefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, 'must be 2-20 lowercase letters, digits or "-", starting with a letter')
      .describe('Starts every name this deployment creates (topics, alarms, stacks, functions): 2-20 lowercase letters, digits or "-".'),
    region: regionName()
      .default('us-east-1')
      .describe('The AWS region of the stacks and of the watched resources.'),
    account: accountId()
      .optional()
      .describe("The 12-digit AWS account id; omitted, the stacks deploy to the account of the CLI's credentials."),
    logRetentionDays: z
      .union([z.literal(1), z.literal(3), z.literal(5), z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365), z.literal(400), z.literal(545), z.literal(731), z.literal(1096), z.literal(1827), z.literal(3653)])
      .default(90)
      .describe("Retention of the log groups this deployment creates, in days (one of CloudWatch Logs' values)."),
    logGroupKmsKeyArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, 'must be the ARN of a KMS key')
      .optional()
      .describe(
        'KMS key for the log groups this deployment creates because a metric filter needs them and they do not exist yet ' +
          "(a Lambda function's /aws/lambda/<name> before its first invocation); its key policy must allow logs.<region>.amazonaws.com " +
          "(default: CloudWatch Logs' own encryption). Existing groups are never changed.",
      ),
    caps: capsOverrideSchema.default({}),
    guardrails: guardrailsSchema.default(guardrailsSchema.parse({})),
    approvals: approvalsSchema.optional(),
    context: contextSchema.default(contextSchema.parse({})),
    autonomy: deploymentAutonomySchema.default(DEFAULT_DEPLOYMENT_AUTONOMY),
    escalation: escalationSchema.default({ emails: [], httpsUrls: [], logLines: { ...DEFAULT_LOG_LINES, redactPatterns: [] } }),
    maintenance: maintenanceSchema.default({ windows: [], escalate: [...DEFAULT_MAINTENANCE_ESCALATION] }),
    systems: z.array(systemSchema).min(1, 'must name at least one system').describe('The systems to watch; at least one.'),
    environments: z
      .array(environmentSchema)
      .min(1, 'must name at least one account and region')
      .optional()
      .describe('Many accounts and regions: one CDK stage per entry, with an operations stack in the "operations" account. Leave out for one account.'),
    operations: operationsSchema.optional(),
  })
  .strict()
  // `$schema` only serves editors: the rest of the app never sees it.
  .transform(({ $schema: _editorSchema, ...config }) => config);

export type DeploymentConfigInput = z.input<typeof deploymentConfigSchema>;
export type DeploymentConfig = z.output<typeof deploymentConfigSchema>;
