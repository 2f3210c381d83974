import * as z from 'zod';
import { REMEDIATIONS, RESOURCE_KEY_PATTERN, TARGET_SCHEMAS, capsSchema, type TargetType } from '../catalogue';

/** Overrides of one alert kind's defaults, for a system or a single resource. */
export const alertOverrideSchema = z
  .object({
    threshold: z.number().finite().optional(),
    disabled: z.boolean().optional(),
    periodSeconds: z.union([z.literal(10), z.literal(30), z.number().int().min(60).multipleOf(60).max(86400)]).optional(),
    evaluationPeriods: z.number().int().min(1).max(100).optional(),
    datapointsToAlarm: z.number().int().min(1).max(100).optional(),
  })
  .strict();
export type AlertOverride = z.infer<typeof alertOverrideSchema>;

const guardedIds = Object.entries(REMEDIATIONS)
  .filter(([, spec]) => spec.guarded)
  .map(([id]) => id) as [string, ...string[]];

/** Fields every resource may carry, whatever its type. */
const commonFields = {
  /** The key in alarm names; defaults to the resource's name where it has one. */
  id: z.string().regex(RESOURCE_KEY_PATTERN, 'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit').optional(),
  caps: capsSchema.partial().optional(),
  /** Guarded remediations this resource allows to run for real (otherwise they plan and escalate). */
  guarded: z.array(z.enum(guardedIds)).optional(),
  alerts: z.record(z.string(), alertOverrideSchema).optional(),
};

function resourceList<T extends TargetType>(type: T) {
  return z.array(TARGET_SCHEMAS[type].extend(commonFields)).optional();
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
  .strict();
export type Resources = z.infer<typeof resourcesSchema>;

export const systemSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,38}[a-z0-9]$/, 'must be 2-40 lowercase letters, digits or "-", starting with a letter'),
    description: z.string().max(500).optional(),
    runbook: z.string().max(200).optional(),
    caps: capsSchema.partial().optional(),
    alerts: z.record(z.string(), alertOverrideSchema).optional(),
    resources: resourcesSchema,
  })
  .strict();
export type SystemConfig = z.infer<typeof systemSchema>;

export const guardrailsSchema = z
  .object({
    /** Minimum time between two applied actions of one remediation on one resource. */
    cooldownMinutes: z.number().int().min(0).max(1440).default(15),
    /** Global circuit breaker: mutating actions per hour across all responders; beyond it, escalate. */
    maxActionsPerHour: z.number().int().min(0).max(1000).default(20),
    /** Delay before re-checking an alarm after an applied action. */
    verifyAfterMinutes: z.number().int().min(1).max(15).default(10),
    /** Severities whose alarms may change resources; others plan and escalate. */
    autonomousSeverities: z.array(z.enum(['P0', 'P1', 'P2'])).default(['P0', 'P1']),
    /** The initial value of the kill-switch parameter `/<prefix>/mode`. */
    initialMode: z.enum(['enforce', 'dry-run', 'off']).default('enforce'),
  })
  .strict();
export type Guardrails = z.infer<typeof guardrailsSchema>;

export const escalationSchema = z
  .object({
    emails: z.array(z.email()).default([]),
    httpsUrls: z.array(z.url({ protocol: /^https$/ })).default([]),
  })
  .strict();

export const deploymentConfigSchema = z
  .object({
    /** Starts every name this deployment creates: topics, alarms, stacks, functions. */
    prefix: z.string().regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/, 'must be 2-20 lowercase letters, digits or "-", starting with a letter'),
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1').default('us-east-1'),
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
    logRetentionDays: z
      .union([z.literal(1), z.literal(3), z.literal(5), z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365), z.literal(400), z.literal(545), z.literal(731), z.literal(1096), z.literal(1827), z.literal(3653)])
      .default(90),
    caps: capsSchema.partial().default({}),
    guardrails: guardrailsSchema.default(guardrailsSchema.parse({})),
    escalation: escalationSchema.default({ emails: [], httpsUrls: [] }),
    systems: z.array(systemSchema).min(1, 'must name at least one system'),
  })
  .strict();

export type DeploymentConfigInput = z.input<typeof deploymentConfigSchema>;
export type DeploymentConfig = z.output<typeof deploymentConfigSchema>;
