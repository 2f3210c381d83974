import {
  HEALTH_CHECK_STATUS,
  TARGET_SCHEMAS,
  type AlertKind,
  type AwsMetricSource,
  type Comparison,
  type MetricSource,
  type MissingData,
  type Signal,
  type TargetType,
} from '../catalogue';
import { code } from './markdown';

/** What each target type is, in words. */
export const TARGET_TYPE_NAMES: Record<TargetType, string> = {
  lambda: 'Lambda function',
  dynamodb: 'DynamoDB table',
  ecs: 'ECS service',
  appRunner: 'App Runner service',
  rds: 'RDS DB instance',
  elastiCache: 'ElastiCache cluster',
  cloudFront: 'CloudFront distribution',
  apiGateway: 'API Gateway API',
  healthCheck: 'health check of a URL',
  logGroup: 'log group',
  customMetric: 'custom metric',
  bedrock: 'Bedrock (account or model)',
  snsTopic: 'SNS topic',
  billing: 'account billing',
};

const COMPARISON_SYMBOLS: Record<Comparison, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
};

const MISSING_DATA_WORDS: Record<MissingData, string> = {
  breaching: 'counts as breaching',
  notBreaching: 'counts as OK',
  ignore: 'is ignored (the alarm keeps its state)',
  missing: 'leaves the alarm in INSUFFICIENT_DATA',
};

const UNIT_SUFFIX: Record<AlertKind['unit'], string> = {
  percent: ' %',
  milliseconds: ' ms',
  count: '',
  status: '',
  'USD per day': ' USD/day',
  value: '',
};

/** `1000000` as `1,000,000`. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * `> 5 %`: the comparison and the threshold in the kind's unit. A custom metric is in whatever
 * unit the application publishes it, so it gets none.
 */
export function thresholdText(kind: AlertKind, signal: Signal<unknown>, threshold: number): string {
  const configured = Object.values(signal.metrics).every((m) => m.source === 'configured');
  return `${COMPARISON_SYMBOLS[signal.comparison]} ${groupDigits(threshold)}${configured ? '' : UNIT_SUFFIX[kind.unit]}`;
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

interface EvaluationWindow {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** `2 × 5 min`, or `2 of 3 × 5 min` when fewer datapoints than periods must breach. */
export function windowText(w: EvaluationWindow): string {
  const of = w.datapointsToAlarm === w.evaluationPeriods ? '' : `${w.datapointsToAlarm} of `;
  return `${of}${w.evaluationPeriods} × ${duration(w.periodSeconds)}`;
}

/** The window spelled out: periods, their length, and how many datapoints must breach. */
export function windowLongText(w: EvaluationWindow): string {
  const periods = w.evaluationPeriods === 1 ? 'period' : 'periods';
  return `${w.evaluationPeriods} ${periods} of ${duration(w.periodSeconds)} (${w.periodSeconds} s), ${w.datapointsToAlarm} of ${w.evaluationPeriods} datapoints breaching`;
}

/** What missing data does, and for breaching, why that is right for this signal. */
export function missingDataText(m: MissingData, because?: string): string {
  return `missing data ${MISSING_DATA_WORDS[m]}${m === 'breaching' && because ? `: ${because}` : ''}`;
}

/**
 * Stand-in props of a target type, to render the catalogue's per-target functions (dimensions,
 * log group names, filter patterns, metric math) in general terms: a required field reads
 * `<field>`, an optional one takes its default. A log group gets its kind's default pattern, as
 * `resolveTargets` gives it.
 */
function placeholderProps(type: TargetType, kind: AlertKind): Record<string, unknown> {
  const shape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }> = TARGET_SCHEMAS[type].shape;
  const props: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(shape)) {
    const absent = schema.safeParse(undefined);
    props[field] = absent.success ? absent.data : `<${field}>`;
  }
  if (type === 'logGroup' && kind.defaultFilterPattern) props.filterPattern = kind.defaultFilterPattern;
  return props;
}

function awsMetricText(m: AwsMetricSource<unknown>, props: unknown): string {
  const dims = Object.entries(m.dimensions(props)).map(([k, v]) => `${k}=${v}`);
  const by = dims.length > 0 ? ` by ${code(dims.join(', '))}` : ' (account-wide)';
  return `${code(m.namespace)} ${code(m.metricName)} ${m.statistic}${by}`;
}

function metricText(id: string, m: MetricSource<unknown>, props: unknown, seenFilters: Set<string>): string {
  switch (m.source) {
    case 'aws': {
      const text = awsMetricText(m, props);
      if (!m.requires) return `${id} = ${text}`;
      const instead = m.otherwise ? `otherwise ${awsMetricText(m.otherwise, props)}` : 'otherwise no alarm, and synth says what to enable';
      return `${id} = ${text} where ${code(`${m.requires.field}: true`)} (${instead})`;
    }
    case 'log': {
      const value = m.metricValue === '1' ? 'count of matching events' : `value ${code(m.metricValue)} of each matching event`;
      const filter = `${m.logGroupName(props)}\u0000${m.filterPattern(props)}`;
      const where = seenFilters.has(filter)
        ? 'from the same metric filter'
        : `from a metric filter on log group ${code(m.logGroupName(props))} with pattern ${code(m.filterPattern(props))}`;
      seenFilters.add(filter);
      return `${id} = ${value} (${m.statistic}) ${where}`;
    }
    case 'healthCheck':
      return `${id} = ${code(HEALTH_CHECK_STATUS.namespace)} ${code(HEALTH_CHECK_STATUS.metricName)} ${m.statistic} of a Route 53 health check the app creates for the URL (1 healthy, 0 failing)`;
    case 'configured':
      return `${id} = the metric the resource names (${code('namespace')}, ${code('metricName')}, ${code('dimensions')}), ${m.statistic} unless it names a ${code('statistic')}`;
  }
}

/** The signal of a kind on a target type, in words: the metric, or the metric math and its inputs. */
export function signalText(kind: AlertKind, type: TargetType, signal: Signal<unknown>): string {
  const props = placeholderProps(type, kind);
  const seen = new Set<string>();
  const metrics = Object.entries(signal.metrics).map(([id, m]) => metricText(id, m, props, seen));
  const region = signal.usEast1Only ? ' The metric exists only in us-east-1, so the alarm lives there.' : '';
  if (signal.expression) return `metric math ${code(signal.expression(props))} where ${metrics.join('; ')}.${region}`;
  // A single metric: its id is noise.
  return `${metrics[0].replace(/^\S+ = /, '')}.${region}`;
}
