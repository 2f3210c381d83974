import {
  ALERT_KINDS,
  ALERT_KIND_IDS,
  DOCUMENTED_METRICS,
  HEALTH_CHECK_STATUS,
  publishedMetric,
  type AwsMetricSource,
  type Signal,
  type Target,
} from '../../lib/catalogue';
import { planDeployment, type PlannedAlarm } from '../../lib/deployment';
import { dimensionKey, loadCannedMetrics, metricKey, type MetricCatalogue } from '../helpers/canned-metrics';
import { configWith, defaultsWith } from '../helpers/config';
import { VARIANTS } from '../helpers/variants';

interface ProducedMetric {
  readonly alarm: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: string;
}

/** Every AWS metric the planned alarms watch, and which catalogue sources (fallbacks included) they came from. */
function producedMetrics(alarms: readonly PlannedAlarm[]): { metrics: ProducedMetric[]; reached: Set<AwsMetricSource<unknown>> } {
  const metrics: ProducedMetric[] = [];
  const reached = new Set<AwsMetricSource<unknown>>();
  for (const alarm of alarms) {
    const props = alarm.target.props;
    for (const source of Object.values((alarm.signal as Signal<Target['props']>).metrics)) {
      if (source.source === 'healthCheck') {
        metrics.push({ alarm: alarm.name, namespace: HEALTH_CHECK_STATUS.namespace, metricName: HEALTH_CHECK_STATUS.metricName, dimensions: HEALTH_CHECK_STATUS.dimension });
      }
      if (source.source !== 'aws') continue;
      const metric = publishedMetric(source, props);
      if (!metric) throw new Error(`${alarm.name} was planned although ${source.metricName} needs ${source.requires?.field}`);
      reached.add(metric as AwsMetricSource<unknown>);
      metrics.push({ alarm: alarm.name, namespace: metric.namespace, metricName: metric.metricName, dimensions: dimensionKey(Object.keys(metric.dimensions(props))) });
    }
  }
  return { metrics, reached };
}

/** Every AWS source of the catalogue, each fallback included. */
function catalogueSources(): Array<{ where: string; source: AwsMetricSource<unknown> }> {
  const out: Array<{ where: string; source: AwsMetricSource<unknown> }> = [];
  for (const id of ALERT_KIND_IDS) {
    for (const [type, signal] of Object.entries(ALERT_KINDS[id].signals)) {
      for (const [metricId, m] of Object.entries((signal as Signal<unknown>).metrics)) {
        for (let s = m.source === 'aws' ? m : undefined; s; s = s.otherwise) out.push({ where: `${id} on ${type}: ${metricId} ${s.metricName}`, source: s });
      }
    }
  }
  return out;
}

const documented: MetricCatalogue = new Map(DOCUMENTED_METRICS.map((m) => [metricKey(m.namespace, m.metricName), new Set(m.dimensionSets.map(dimensionKey))]));

let canned: MetricCatalogue;
let produced: ReturnType<typeof producedMetrics>;

beforeAll(() => {
  canned = loadCannedMetrics();
  const plans = [planDeployment(configWith()), planDeployment(configWith({ systems: [...(defaultsWith() as { systems: unknown[] }).systems, VARIANTS] }))];
  produced = producedMetrics(plans.flatMap((p) => p.systems.flatMap((s) => [...s.alarms])));
});

describe('every metric an alarm can watch is one AWS publishes', () => {
  test('the canned metrics of aws-cdk-lib load, with their dimension sets', () => {
    expect(canned.size).toBeGreaterThan(500);
    expect(canned.get(metricKey('AWS/Lambda', 'Throttles'))).toEqual(new Set(['FunctionName', 'FunctionName+Resource', 'ExecutedVersion+FunctionName+Resource', '']));
  });

  test('the configurations reach every AWS metric of the catalogue, each fallback included', () => {
    const missed = catalogueSources().filter(({ source }) => !produced.reached.has(source)).map(({ where }) => where);
    expect(missed).toEqual([]);
  });

  test('each namespace, metric name and dimension set is in aws-cdk-lib’s canned metrics or the documented table', () => {
    const unknown = produced.metrics.filter((m) => {
      const key = metricKey(m.namespace, m.metricName);
      return !canned.get(key)?.has(m.dimensions) && !documented.get(key)?.has(m.dimensions);
    });
    const shown = [...new Set(unknown.map((m) => `${m.namespace} ${m.metricName} by [${m.dimensions}] (e.g. ${m.alarm})`))];
    expect(shown).toEqual([]);
  });

  test('the documented table holds only what aws-cdk-lib lacks, what the catalogue uses, and AWS pages', () => {
    const used = new Set(produced.metrics.map((m) => metricKey(m.namespace, m.metricName)));
    for (const m of DOCUMENTED_METRICS) {
      const key = metricKey(m.namespace, m.metricName);
      expect({ key, inCanned: canned.has(key), used: used.has(key) }).toEqual({ key, inCanned: false, used: true });
      expect(m.documentation).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  test('a metric AWS does not publish is caught: AWS/Bedrock ThrottledCount (the runbook’s name)', () => {
    const key = metricKey('AWS/Bedrock', 'ThrottledCount');
    expect(canned.has(key) || documented.has(key)).toBe(false);
    expect(produced.metrics.filter((m) => m.namespace === 'AWS/Bedrock').map((m) => m.metricName)).toContain('InvocationThrottles');
  });
});

describe('missing data', () => {
  const breaching = ALERT_KIND_IDS.flatMap((id) =>
    Object.entries(ALERT_KINDS[id].signals)
      .filter(([, s]) => (s as Signal<unknown>).treatMissingData === 'breaching')
      .map(([type, s]) => [`${id} on ${type}`, s as Signal<unknown>] as const),
  );

  test('the alarms that treat missing data as breaching are these, each with its reason', () => {
    expect(breaching.map(([where]) => where).sort()).toEqual(['api-down on healthCheck', 'ecs-service-down on ecs', 'redis-connection-failed on elastiCache']);
    for (const [where, signal] of breaching) expect({ where, reason: (signal.missingDataBreachesBecause ?? '').split(' ').length >= 10 }).toEqual({ where, reason: true });
  });

  test('ecs-service-down without Container Insights counts AWS/ECS samples, which exist only while tasks run', () => {
    const [without, withInsights] = planDeployment(configWith({ systems: [VARIANTS] }))
      .systems[0].alarms.filter((a) => a.kind.id === 'ecs-service-down')
      .map((a) => producedMetrics([a]).metrics[0]);
    expect(without).toMatchObject({ namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: 'ClusterName+ServiceName' });
    expect(withInsights).toMatchObject({ namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount' });
  });

  test('no daily-cost alarm without billing alerts: the plan withholds it and says what to enable', () => {
    const system = planDeployment(configWith({ systems: [VARIANTS] })).systems[0];
    expect(system.alarms.filter((a) => a.kind.id === 'daily-cost').map((a) => a.target.key)).toEqual(['on']);
    expect(system.withheld.map((w) => [w.kind.id, w.target.key])).toEqual([['daily-cost', 'off']]);
    expect(system.withheld[0].reason).toContain('Receive Billing Alerts');
  });
});
