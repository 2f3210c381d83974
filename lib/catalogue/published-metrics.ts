/**
 * AWS metrics the catalogue uses that aws-cdk-lib's canned metrics (generated from AWS's metric
 * specifications, `aws-cdk-lib/aws-<service>/lib/*-canned-metrics.generated.*`) do not list, each
 * with the AWS documentation page that does. The catalogue test checks every AWS metric an alarm
 * can watch against the canned metrics or this table, so an alarm on a metric AWS does not publish
 * (and that therefore never fires) cannot be added silently.
 */
export interface DocumentedMetric {
  readonly namespace: string;
  readonly metricName: string;
  /** Every set of dimension names AWS publishes the metric with (each sorted). */
  readonly dimensionSets: readonly (readonly string[])[];
  /** The AWS documentation page listing the metric. */
  readonly documentation: string;
}

const APP_RUNNER = 'https://docs.aws.amazon.com/apprunner/latest/dg/monitor-cw.html';
// The page names the metrics; the dimensions are the service's name and 32-hex-digit id, as the
// CloudWatch console groups them ("ServiceID, ServiceName").
const appRunner = (metricName: string): DocumentedMetric => ({
  namespace: 'AWS/AppRunner',
  metricName,
  dimensionSets: [['ServiceID', 'ServiceName']],
  documentation: APP_RUNNER,
});

export const DOCUMENTED_METRICS: readonly DocumentedMetric[] = [
  appRunner('5xxStatusResponses'),
  appRunner('Requests'),
  appRunner('RequestLatency'),
  appRunner('CPUUtilization'),
  appRunner('MemoryUtilization'),
  {
    // Published only while "Receive Billing Alerts" is on, in us-east-1, by Currency (and by
    // ServiceName or LinkedAccount with it).
    namespace: 'AWS/Billing',
    metricName: 'EstimatedCharges',
    dimensionSets: [['Currency'], ['Currency', 'ServiceName'], ['Currency', 'LinkedAccount']],
    documentation: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/monitor_estimated_charges_with_cloudwatch.html',
  },
  {
    // Runtime metrics of bedrock-runtime (aws-cdk-lib covers only AWS/Bedrock/Agents and
    // /Guardrails): "Amazon Bedrock supports the following dimensions: ModelId - all metrics";
    // the console also lists them "Across all model IDs", without a dimension.
    namespace: 'AWS/Bedrock',
    metricName: 'InvocationThrottles',
    dimensionSets: [['ModelId'], []],
    documentation: 'https://docs.aws.amazon.com/bedrock/latest/userguide/monitoring-runtime-metrics.html',
  },
  {
    // Published only for clusters with Container Insights on.
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensionSets: [['ClusterName', 'ServiceName']],
    documentation: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-metrics-ECS.html',
  },
];
