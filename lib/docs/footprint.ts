/**
 * What a deployment is made of, by what it is billed for: counted from the synthesized
 * CloudFormation templates, so the cost section of the README is never kept by hand.
 */
import { App } from 'aws-cdk-lib';
import * as z from 'zod';
import type { DeploymentPlan } from '../deployment';
import { createAlertResponderApp } from '../stacks';

/** CloudWatch bills alarms on periods under a minute (10 s, 30 s) as high resolution. */
const HIGH_RESOLUTION_BELOW_SECONDS = 60;

const metricStat = z.object({ Period: z.number() });
const alarmProperties = z.object({
  Period: z.number().optional(),
  Metrics: z.array(z.object({ MetricStat: metricStat.optional() })).optional(),
});
const functionProperties = z.object({ MemorySize: z.number().default(128) });
const tableProperties = z.object({ BillingMode: z.string().default('PROVISIONED') });
const templateSchema = z.object({
  Resources: z.record(z.string(), z.object({ Type: z.string(), Properties: z.unknown().optional() })).default({}),
});

export interface Footprint {
  readonly stacks: number;
  /** Alarms on one metric at standard resolution: one alarm metric each. */
  readonly standardAlarms: number;
  /** Alarms on one metric with a period under a minute. */
  readonly highResolutionAlarms: number;
  /** Alarms on a metric math expression. */
  readonly mathAlarms: number;
  /** The metrics those expressions read, at standard and at high resolution. */
  readonly mathAlarmMetrics: number;
  readonly highResolutionMathAlarmMetrics: number;
  readonly compositeAlarms: number;
  readonly functions: number;
  /** The largest memory setting of a function, in MB. */
  readonly maxFunctionMemoryMb: number;
  readonly logGroups: number;
  /** Each publishes one custom metric. */
  readonly metricFilters: number;
  readonly healthChecks: number;
  readonly kmsKeys: number;
  readonly dashboards: number;
  readonly topics: number;
  readonly queues: number;
  readonly tables: number;
  /** Tables billed per request (`PAY_PER_REQUEST`). */
  readonly onDemandTables: number;
}

/** Counts the billed resources of CloudFormation templates (each a template's JSON). */
export function countFootprint(templates: readonly unknown[]): Footprint {
  const resources = templates.flatMap((t, i) => {
    const parsed = templateSchema.safeParse(t);
    if (!parsed.success) throw new Error(`Template ${i} is not a CloudFormation template: ${parsed.error.message}`);
    return Object.values(parsed.data.Resources);
  });
  const ofType = (type: string) => resources.filter((r) => r.Type === type).map((r) => r.Properties ?? {});
  const alarms = ofType('AWS::CloudWatch::Alarm').map((p) => alarmProperties.parse(p));
  const single = alarms.filter((a) => a.Metrics === undefined);
  const mathStats = alarms.flatMap((a) => (a.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat] : [])));
  const highResolution = (period: number | undefined) => period !== undefined && period < HIGH_RESOLUTION_BELOW_SECONDS;
  const functions = ofType('AWS::Lambda::Function').map((p) => functionProperties.parse(p));
  const tables = ofType('AWS::DynamoDB::Table').map((p) => tableProperties.parse(p));
  return {
    stacks: templates.length,
    standardAlarms: single.filter((a) => !highResolution(a.Period)).length,
    highResolutionAlarms: single.filter((a) => highResolution(a.Period)).length,
    mathAlarms: alarms.length - single.length,
    mathAlarmMetrics: mathStats.filter((s) => !highResolution(s.Period)).length,
    highResolutionMathAlarmMetrics: mathStats.filter((s) => highResolution(s.Period)).length,
    compositeAlarms: ofType('AWS::CloudWatch::CompositeAlarm').length,
    functions: functions.length,
    maxFunctionMemoryMb: Math.max(0, ...functions.map((f) => f.MemorySize)),
    logGroups: ofType('AWS::Logs::LogGroup').length,
    metricFilters: ofType('AWS::Logs::MetricFilter').length,
    healthChecks: ofType('AWS::Route53::HealthCheck').length,
    kmsKeys: ofType('AWS::KMS::Key').length,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    topics: ofType('AWS::SNS::Topic').length,
    queues: ofType('AWS::SQS::Queue').length,
    tables: tables.length,
    onDemandTables: tables.filter((t) => t.BillingMode === 'PAY_PER_REQUEST').length,
  };
}

/** The templates of every stack of a plan, as `cdk synth` would write them (bundling skipped: code is not counted). */
export function synthesizedTemplates(plan: DeploymentPlan): unknown[] {
  const app = new App({
    context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-creation-stack-traces': true },
    // Schema validation of the templates is the tests' job; counting needs none.
    builtinCloudFormationValidation: false,
  });
  createAlertResponderApp(app, plan);
  const assembly = app.synth({ validateOnSynthesis: false });
  return assembly.stacks.map((s): unknown => s.template);
}
