/**
 * The README's cost section: what the default configuration costs to run, from its counted
 * footprint (footprint.ts) and the list prices (prices.ts).
 */
import type { Footprint } from './footprint';
import { table } from './markdown';
import { PRICES, PRICES_CHECKED_ON, pricingPage, type PricingPage, type UnitPrice } from './prices';

/**
 * What one notification uses, as assumptions (stated in the README): a responder runs for at
 * most about a second; an applied action takes the guardrails' state-table writes (idempotency
 * record written and completed, lock taken and released, circuit breaker counted, cooldown set)
 * and reads; its record and logs are a few KB; a publish to the encrypted topic and its delivery
 * each use KMS, and so does signing its record (one GenerateMac).
 */
export const PER_NOTIFICATION = {
  seconds: 1,
  writeUnits: 8,
  readUnits: 2,
  logKb: 10,
  kmsRequests: 4,
} as const;

const usd = (n: number): string => `$${n.toFixed(2)}`;
/** A unit price: cents as cents ($0.10), smaller prices in full ($0.0000133334). */
const unit = (n: number): string => (n >= 0.01 ? usd(n) : `$${n}`);
const price = (p: UnitPrice): string => `${unit(p.usd)} per ${p.per}`;

interface Row {
  readonly what: string;
  readonly count: string;
  readonly price: string;
  readonly low: number;
  readonly high: number;
}

function fixedRows(f: Footprint): Row[] {
  const row = (what: string, count: number, p: UnitPrice): Row => ({ what, count: String(count), price: price(p), low: count * p.usd, high: count * p.usd });
  return [
    row('Alarms on one metric, standard resolution', f.standardAlarms, PRICES.alarmMetric),
    row(`Metrics read by the ${f.mathAlarms} metric-math alarms (each is an alarm metric)`, f.mathAlarmMetrics, PRICES.alarmMetric),
    row('High-resolution alarm metrics', f.highResolutionAlarms + f.highResolutionMathAlarmMetrics, PRICES.highResolutionAlarmMetric),
    row('Composite alarms', f.compositeAlarms, PRICES.compositeAlarm),
    {
      what: 'Custom metrics of the metric filters (only in hours their log groups match)',
      count: String(f.metricFilters),
      price: price(PRICES.customMetric),
      low: 0,
      high: f.metricFilters * PRICES.customMetric.usd,
    },
    {
      what: 'Route 53 health checks (HTTPS is an optional feature, billed on top)',
      count: String(f.healthChecks),
      price: `${unit(PRICES.healthCheckAws.usd)} (AWS endpoint) to ${unit(PRICES.healthCheckOther.usd)} (other) per health check-month`,
      low: f.healthChecks * PRICES.healthCheckAws.usd,
      high: f.healthChecks * PRICES.healthCheckOther.usd,
    },
    row('KMS keys (the topics’ key, rotated yearly; the HMAC key that signs records)', f.kmsKeys, PRICES.kmsKey),
    row('Dashboards', f.dashboards, PRICES.dashboard),
  ];
}

/** The cost of 1,000 notifications, by service, under PER_NOTIFICATION. */
export function perThousandNotifications(f: Footprint): Readonly<Record<string, number>> {
  const n = 1000;
  const gbSeconds = n * PER_NOTIFICATION.seconds * (f.maxFunctionMemoryMb / 1024);
  return {
    Lambda: gbSeconds * PRICES.lambdaArmGbSecond.usd + (n / 1e6) * PRICES.lambdaRequests.usd,
    DynamoDB: ((n * PER_NOTIFICATION.writeUnits) / 1e6) * PRICES.dynamodbWrites.usd + ((n * PER_NOTIFICATION.readUnits) / 1e6) * PRICES.dynamodbReads.usd,
    'CloudWatch Logs': ((n * PER_NOTIFICATION.logKb) / 1e6) * PRICES.logsIngestedGb.usd,
    SNS: (n / 1e6) * PRICES.snsPublishes.usd,
    KMS: ((n * PER_NOTIFICATION.kmsRequests) / 1e4) * PRICES.kmsRequests.usd,
    'X-Ray': (n / 1e6) * PRICES.xrayTraces.usd,
  };
}

/** The Markdown of the cost section's generated block. */
export function renderCostSection(f: Footprint): string {
  const rows = fixedRows(f);
  const low = rows.reduce((s, r) => s + r.low, 0);
  const high = rows.reduce((s, r) => s + r.high, 0);
  const range = (r: { low: number; high: number }) => (r.low === r.high ? usd(r.low) : `${usd(r.low)} to ${usd(r.high)}`);
  const usage = perThousandNotifications(f);
  const usageTotal = Object.values(usage).reduce((s, v) => s + v, 0);
  const pages = [...new Set(Object.values(PRICES).map((p): PricingPage => p.page))];
  return [
    `The default configuration synthesizes to ${f.stacks} stacks. Counted from their templates:`,
    '',
    ...table(
      ['What', 'Count', 'us-east-1 list price', 'Per month'],
      [...rows.map((r) => [r.what, r.count, r.price, range(r)]), ['**Fixed total**', '', '', `**${range({ low, high })}**`]],
    ),
    '',
    `Pay per use only, nothing while idle: ${f.functions} Lambda functions (arm64, up to ${f.maxFunctionMemoryMb} MB), ` +
      `${f.logGroups} log groups (retention set), ${f.onDemandTables} DynamoDB table${f.onDemandTables === 1 ? '' : 's'} on demand, ` +
      `${f.topics} SNS topics, ${f.queues} SQS queues (dead letters and the verification queue), the SSM parameter (standard, free).`,
    '',
    `Per 1,000 notifications, about ${usd(usageTotal)}: ` +
      Object.entries(usage)
        .map(([service, cost]) => `${service} $${cost.toFixed(4)}`)
        .join(', ') +
      `. This assumes each takes up to ${PER_NOTIFICATION.seconds} s of a ${f.maxFunctionMemoryMb} MB function, ` +
      `${PER_NOTIFICATION.writeUnits} write and ${PER_NOTIFICATION.readUnits} read units of the state table (an applied action), ` +
      `${PER_NOTIFICATION.logKb} KB of logs, ${PER_NOTIFICATION.kmsRequests} KMS requests and one X-Ray trace, with no free tier. ` +
      `Escalation emails cost ${unit(PRICES.snsEmails.usd)} per 100,000.`,
    '',
    `List prices in us-east-1, checked on ${PRICES_CHECKED_ON}, before the free tier (which covers, among others, 10 alarm metrics, ` +
      '3 dashboards and 5 GB of logs a month). Prices change: check the pricing pages ' +
      pages.map((p) => `[${pricingPage(p).title}](${pricingPage(p).url})`).join(', ') +
      ', or the AWS Pricing Calculator. The figures and their sources are in `lib/docs/prices.ts`.',
    '',
  ].join('\n');
}
