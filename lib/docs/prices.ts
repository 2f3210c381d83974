/**
 * AWS list prices in us-east-1 (N. Virginia), in USD, for what the README's cost section counts.
 * Prices change: each entry names its pricing page, and PRICES_CHECKED_ON says when they were read.
 * Where a page's price tables could not be read in full, the figure was checked against 2026
 * summaries that quote the page (`confirmedBy`).
 */

export const PRICES_CHECKED_ON = '2026-12-03';

const PAGES = {
  cloudwatch: { title: 'CloudWatch', url: 'https://aws.amazon.com/cloudwatch/pricing/' },
  lambda: { title: 'Lambda', url: 'https://aws.amazon.com/lambda/pricing/' },
  dynamodb: { title: 'DynamoDB', url: 'https://aws.amazon.com/dynamodb/pricing/on-demand/' },
  kms: { title: 'KMS', url: 'https://aws.amazon.com/kms/pricing/' },
  route53: { title: 'Route 53', url: 'https://aws.amazon.com/route53/pricing/' },
  sns: { title: 'SNS', url: 'https://aws.amazon.com/sns/pricing/' },
  xray: { title: 'X-Ray', url: 'https://aws.amazon.com/xray/pricing/' },
} as const;

export type PricingPage = keyof typeof PAGES;

export interface UnitPrice {
  readonly usd: number;
  /** What one `usd` buys. */
  readonly per: string;
  readonly page: PricingPage;
  /** Secondary sources the figure was checked against, when the page's table was not readable. */
  readonly confirmedBy?: readonly string[];
}

export const PRICES = {
  alarmMetric: {
    usd: 0.1,
    per: 'alarm metric-month, standard resolution',
    page: 'cloudwatch',
    confirmedBy: ['https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm', 'https://github.com/api-evangelist/cloudwatch/blob/main/plans/cloudwatch-plans-pricing.yml'],
  },
  highResolutionAlarmMetric: { usd: 0.3, per: 'alarm metric-month, high resolution', page: 'cloudwatch', confirmedBy: ['https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm'] },
  compositeAlarm: { usd: 0.5, per: 'composite alarm-month', page: 'cloudwatch', confirmedBy: ['https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm'] },
  customMetric: {
    usd: 0.3,
    per: 'custom metric-month (first 10,000), prorated by the hour it receives data',
    page: 'cloudwatch',
    confirmedBy: ['https://signoz.io/guides/cloudwatch-pricing', 'https://github.com/api-evangelist/cloudwatch/blob/main/plans/cloudwatch-plans-pricing.yml'],
  },
  dashboard: { usd: 3, per: 'dashboard-month (the first 3 of an account are free)', page: 'cloudwatch', confirmedBy: ['https://github.com/nishinoshake/aws-rough/issues/37'] },
  logsIngestedGb: { usd: 0.5, per: 'GB of logs ingested (standard class)', page: 'cloudwatch', confirmedBy: ['https://c3x.dev/blog/cloudwatch-logs-cost-optimization'] },
  logsStoredGb: { usd: 0.03, per: 'GB-month of logs stored', page: 'cloudwatch', confirmedBy: ['https://c3x.dev/blog/cloudwatch-logs-cost-optimization'] },
  lambdaRequests: { usd: 0.2, per: 'million requests', page: 'lambda', confirmedBy: ['https://cloudchipr.com/blog/aws-lambda-pricing'] },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second on Arm (first 7.5 billion a month)', page: 'lambda', confirmedBy: ['https://cloudchipr.com/blog/aws-lambda-pricing'] },
  dynamodbWrites: { usd: 0.625, per: 'million write request units (on-demand)', page: 'dynamodb', confirmedBy: ['https://airbyte.com/data-engineering-resources/dynamodb-pricing'] },
  dynamodbReads: { usd: 0.125, per: 'million read request units (on-demand)', page: 'dynamodb', confirmedBy: ['https://airbyte.com/data-engineering-resources/dynamodb-pricing'] },
  kmsKey: { usd: 1, per: 'key-month; each automatic rotation adds $1 a month for its new backing key', page: 'kms' },
  kmsRequests: { usd: 0.03, per: '10,000 requests (20,000 a month free)', page: 'kms', confirmedBy: ['https://www.wring.co/blog/aws-kms-pricing-guide'] },
  healthCheckAws: { usd: 0.5, per: 'health check-month on an AWS endpoint', page: 'route53', confirmedBy: ['https://wewantcode.com/en/course/aws/lesson/7-84-health-checks-status-check.html'] },
  healthCheckOther: { usd: 0.75, per: 'health check-month on another endpoint', page: 'route53', confirmedBy: ['https://wewantcode.com/en/course/aws/lesson/7-84-health-checks-status-check.html'] },
  snsPublishes: { usd: 0.5, per: 'million publishes (the first million a month free); deliveries to Lambda are free', page: 'sns', confirmedBy: ['https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/'] },
  snsEmails: { usd: 2, per: '100,000 email deliveries', page: 'sns', confirmedBy: ['https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/'] },
  xrayTraces: { usd: 5, per: 'million traces recorded (the first 100,000 a month free)', page: 'xray' },
} as const satisfies Record<string, UnitPrice>;

export type PriceId = keyof typeof PRICES;

/** A pricing page's title and address. */
export function pricingPage(page: PricingPage): { readonly title: string; readonly url: string } {
  return PAGES[page];
}
