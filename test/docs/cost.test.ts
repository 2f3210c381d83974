import { PER_NOTIFICATION, perThousandNotifications, renderCostSection } from '../../lib/docs/cost-section';
import { countFootprint, type Footprint } from '../../lib/docs/footprint';
import { PRICES } from '../../lib/docs/prices';

const resource = (Type: string, Properties: Record<string, unknown> = {}) => ({ Type, Properties });
const template = (...resources: ReturnType<typeof resource>[]) => ({ Resources: Object.fromEntries(resources.map((r, i) => [`R${i}`, r])) });
const stat = (Period: number) => ({ MetricStat: { Period, Stat: 'Sum', Metric: { MetricName: 'm', Namespace: 'n' } } });

describe('countFootprint', () => {
  const footprint = countFootprint([
    template(
      resource('AWS::CloudWatch::Alarm', { Period: 60 }),
      resource('AWS::CloudWatch::Alarm', { Period: 300 }),
      resource('AWS::CloudWatch::Alarm', { Period: 10 }),
      resource('AWS::CloudWatch::Alarm', { Metrics: [stat(60), stat(60), { Expression: 'm1 / m2' }] }),
      resource('AWS::CloudWatch::Alarm', { Metrics: [stat(30), { Expression: 'm1 * 2' }] }),
      resource('AWS::CloudWatch::CompositeAlarm'),
      resource('AWS::Lambda::Function', { MemorySize: 512 }),
      resource('AWS::Lambda::Function'),
    ),
    template(
      resource('AWS::Logs::LogGroup'),
      resource('AWS::Logs::MetricFilter'),
      resource('AWS::Route53::HealthCheck'),
      resource('AWS::KMS::Key'),
      resource('AWS::CloudWatch::Dashboard'),
      resource('AWS::SNS::Topic'),
      resource('AWS::SQS::Queue'),
      resource('AWS::DynamoDB::Table', { BillingMode: 'PAY_PER_REQUEST' }),
      resource('AWS::DynamoDB::Table'),
    ),
  ]);

  test('splits alarms by how CloudWatch bills them: resolution, and each metric a math expression reads', () => {
    expect(footprint).toMatchObject({
      stacks: 2,
      standardAlarms: 2,
      highResolutionAlarms: 1,
      mathAlarms: 2,
      mathAlarmMetrics: 2,
      highResolutionMathAlarmMetrics: 1,
      compositeAlarms: 1,
    });
  });

  test('counts the other billed resources, and the largest function memory (128 MB when unset)', () => {
    expect(footprint).toMatchObject({
      functions: 2,
      maxFunctionMemoryMb: 512,
      logGroups: 1,
      metricFilters: 1,
      healthChecks: 1,
      kmsKeys: 1,
      dashboards: 1,
      topics: 1,
      queues: 1,
      tables: 2,
      onDemandTables: 1,
    });
  });

  test('fails on something that is not a template, naming which', () => {
    expect(() => countFootprint([template(), { Resources: 'none' }])).toThrow(/Template 1 is not a CloudFormation template/);
  });
});

describe('renderCostSection', () => {
  const none: Footprint = countFootprint([]);
  const footprint: Footprint = { ...none, stacks: 2, standardAlarms: 10, mathAlarms: 1, mathAlarmMetrics: 3, metricFilters: 2, healthChecks: 1, kmsKeys: 1, dashboards: 1, functions: 4, maxFunctionMemoryMb: 256 };
  const text = renderCostSection(footprint);

  test('prices each counted item and totals the fixed monthly cost, as a range where usage decides', () => {
    expect(text).toContain('| Alarms on one metric, standard resolution | 10 | $0.10 per alarm metric-month, standard resolution | $1.00 |');
    expect(text).toContain('| Metrics read by the 1 metric-math alarms (each is an alarm metric) | 3 |');
    expect(text).toContain('| $0.00 to $0.60 |');
    // 1.00 + 0.30 + (0 to 0.60) + (0.50 to 0.75) + 1.00 + 3.00
    expect(text).toContain('| **Fixed total** |  |  | **$5.80 to $6.65** |');
  });

  test('costs 1,000 notifications from the stated assumptions', () => {
    const usage = perThousandNotifications(footprint);
    expect(usage.Lambda).toBeCloseTo(1000 * PER_NOTIFICATION.seconds * 0.25 * PRICES.lambdaArmGbSecond.usd + 0.0002, 8);
    expect(usage.DynamoDB).toBeCloseTo(PER_NOTIFICATION.writeUnits * 0.000625 + PER_NOTIFICATION.readUnits * 0.000125, 8);
    expect(text).toMatch(/Per 1,000 notifications, about \$0\.0\d: Lambda \$0\.0035, DynamoDB/);
  });

  test('says when prices were checked, that they change, and where they come from', () => {
    expect(text).toMatch(/checked on \d{4}-\d{2}-\d{2}/);
    expect(text).toContain('Prices change');
    expect(text).toContain('[CloudWatch](https://aws.amazon.com/cloudwatch/pricing/)');
  });
});
