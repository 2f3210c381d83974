/**
 * The shapes of everything a responder Lambda can be invoked with (edge-schema.ts), InvalidInputError,
 * and the helpers that turn an issue into "field: what was wrong, received what", safe to log.
 *
 * The AWS-produced shapes (SNS envelope, alarm message) are loose objects: AWS adds fields over
 * time (ActionsSuppressedBy, AlarmConfigurationUpdatedTimestamp, ...) and a new field must never
 * make a responder drop an alarm. The manual payloads are strict: a person typed them, and a
 * misspelt `dryrun` silently ignored would be exactly the mistake that mutates production.
 */
import {
  array,
  boolean,
  isRecord,
  nullish,
  number,
  object,
  oneOf,
  optional,
  positiveInt,
  preprocess,
  string,
  unknown,
  type Infer,
  type Issue,
  type JsonType,
  type Shape,
} from './edge-schema';

export { isRecord } from './edge-schema';

/** SNS caps a message at 256 KiB; anything bigger did not come from SNS. */
export const MAX_SNS_MESSAGE_BYTES = 256 * 1024;
/** A manual payload is a handful of short strings; 16 KiB is generous and bounds what we log. */
export const MAX_MANUAL_PAYLOAD_BYTES = 16 * 1024;
/** Received values are quoted in errors and logs: bound them. */
export const MAX_RECEIVED_CHARS = 200;

export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;

export const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):(\d{12}):alarm:(.+)$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[^:\s]+$/;
/** CloudWatch's own format is `2015-06-03T17:43:27.123+0000`; ISO with `Z` or `+00:00` too. */
export const STATE_CHANGE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;
/** C0/C1 controls, plus line separators and bidi overrides that can forge or hide log lines. */
const UNSAFE_CHAR = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_CHARS = new RegExp(UNSAFE_CHAR.source, 'gu');

const nonEmpty = (what: string): Shape<string> => string({ test: (s) => s.length >= 1, message: `expected ${what}` });
const safeName = (what: string, max: number): Shape<string> => {
  const length = `expected ${what} of 1 to ${max} characters`;
  return string(
    { test: (s) => s.length >= 1, message: length },
    { test: (s) => s.length <= max, message: length },
    { test: (s) => !hasUnsafeChars(s), message: `expected ${what} without control characters` },
  );
};
const matching = (pattern: RegExp, message: string): Shape<string> => string({ test: (s) => pattern.test(s), message });
const positive = (what: string): Shape<number> => positiveInt(`expected ${what} as a positive integer`);

export const snsRecordSchema = object({
  EventSource: oneOf('aws:sns'),
  Sns: object({
    MessageId: nonEmpty('the SNS message id'),
    TopicArn: matching(TOPIC_ARN, 'expected an SNS topic ARN'),
    // Size is checked before parsing the JSON; only the type here.
    Message: string(),
    Subject: nullish(string()),
    Timestamp: optional(string()),
  }),
});

/** Fields every alarm notification has, whatever its kind. */
export const alarmCommonSchema = object({
  AlarmName: safeName('an alarm name', 255),
  AlarmArn: matching(ALARM_ARN, 'expected a CloudWatch alarm ARN'),
  // AWS sends null when the alarm has no description.
  AlarmDescription: nullish(string()),
  AWSAccountId: nullish(string()),
  NewStateValue: oneOf(...ALARM_STATES),
  OldStateValue: oneOf(...ALARM_STATES),
  NewStateReason: string(),
  StateChangeTime: matching(STATE_CHANGE_TIME, 'expected a timestamp like 2015-06-03T17:43:27.123+0000'),
  // Read by the shape of its kind (metric or metric math) once its contents tell which.
  Trigger: unknown(),
  AlarmRule: nullish(string()),
  TriggeringChildren: unknown(),
});

/** The real payload writes `{name, value}`; some tooling writes `{Name, Value}` as the API does. */
const dimensionSchema = preprocess(
  (v) => (isRecord(v) && !('name' in v) && !('value' in v) ? { name: v.Name, value: v.Value } : v),
  object({ name: nonEmpty('a dimension name'), value: string() }),
);
const dimensionsSchema = optional(array(dimensionSchema));

const triggerCommon = {
  Period: optional(positive('the period in seconds')),
  EvaluationPeriods: optional(positive('the number of evaluation periods')),
  // Absent on anomaly-detection alarms (they carry ThresholdMetricId instead).
  Threshold: optional(number()),
  ComparisonOperator: optional(string()),
};

export const metricTriggerSchema = object({
  ...triggerCommon,
  MetricName: nonEmpty('a metric name'),
  Namespace: nonEmpty('a metric namespace'),
  Dimensions: dimensionsSchema,
  StatisticType: nullish(string()),
  Statistic: nullish(string()),
  ExtendedStatistic: nullish(string()),
});

const mathEntrySchema = object({
  Id: nonEmpty('a metric id'),
  Expression: nullish(string()),
  Label: nullish(string()),
  ReturnData: nullish(boolean()),
  MetricStat: nullish(
    object({
      Metric: object({
        Namespace: nonEmpty('a metric namespace'),
        MetricName: nonEmpty('a metric name'),
        Dimensions: dimensionsSchema,
      }),
      Period: optional(positive('the period in seconds')),
      Stat: nonEmpty('a statistic'),
    }),
  ),
});

export const mathTriggerSchema = object({
  ...triggerCommon,
  Metrics: array(mathEntrySchema, { count: 1, message: 'expected at least one metric' }),
});

/** A child's state is `{Value, Timestamp}` in the real payload; accept a bare state string too. */
const childStateSchema = preprocess(
  (v) => (typeof v === 'string' ? { Value: v } : v),
  object({ Value: nonEmpty('a state'), Timestamp: nullish(string()) }),
);
export const triggeringChildrenSchema = nullish(array(object({ Arn: nonEmpty('a child alarm ARN'), State: childStateSchema })));

export const manualRespondSchema = object(
  {
    alarmName: safeName('an alarm name', 255),
    dryRun: optional(boolean()),
    requestId: optional(safeName('a request id', 128)),
  },
  'reject',
);

export const manualUndoSchema = object(
  {
    undo: safeName('a record id', 255),
    dryRun: optional(boolean()),
  },
  'reject',
);

export type DimensionsInput = Infer<typeof dimensionsSchema>;

export function hasUnsafeChars(s: string): boolean {
  return UNSAFE_CHAR.test(s);
}

/**
 * A value as it may appear in an error or a log line: strings quoted, others as JSON, control
 * characters stripped, the content cut at MAX_RECEIVED_CHARS. `undefined` when nothing was sent.
 */
export function renderReceived(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const cut = (s: string) => {
    const clean = Array.from(s.slice(0, MAX_RECEIVED_CHARS * 4).replace(UNSAFE_CHARS, ''));
    return clean.length > MAX_RECEIVED_CHARS ? `${clean.slice(0, MAX_RECEIVED_CHARS - 1).join('')}…` : clean.join('');
  };
  if (typeof value === 'string') return `"${cut(value)}"`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // cycles or BigInt: not from JSON, describe by type only
  }
  return cut(json ?? `(${typeof value})`);
}

/** `['Trigger', 'Dimensions', 0, 'name']` → `Trigger.Dimensions[0].name`. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    const k = String(key);
    return acc === '' ? k : `${acc}.${k}`;
  }, prefix);
}

const ARTICLE: Readonly<Record<JsonType, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
};

export interface IssueDescription {
  readonly field: string;
  readonly problem: string;
  readonly value: unknown;
}

/**
 * One description for a failed read: unknown fields first (the likeliest human mistake), then
 * the first other issue. `prefix` roots the path, e.g. `Message` for the alarm JSON.
 */
export function describeIssues(issues: readonly Issue[], prefix: string): IssueDescription {
  const issue = issues.find((i) => i.code === 'unknown-keys') ?? issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  if (issue === undefined) return { field: prefix, problem: 'invalid input', value: undefined };
  switch (issue.code) {
    case 'unknown-keys':
      return {
        field: issue.keys.map((k) => formatPath(prefix, [...issue.path, k])).join(', '),
        problem: `unknown field${issue.keys.length > 1 ? 's' : ''}, not accepted${more}`,
        value: Object.fromEntries(issue.keys.map((k) => [k, issue.input[k]])),
      };
    case 'type':
      return { field: formatPath(prefix, issue.path), problem: `expected ${ARTICLE[issue.expected]}${more}`, value: issue.input };
    case 'value':
      return { field: formatPath(prefix, issue.path), problem: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${more}`, value: issue.input };
    case 'check':
      // Every check in the shapes above says "expected ..." itself.
      return { field: formatPath(prefix, issue.path), problem: `${issue.message}${more}`, value: issue.input };
  }
}

export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';

  constructor(
    message: string,
    /** Where the problem is, e.g. `Message.AlarmArn` or `Records[1].Sns.MessageId`. */
    readonly field?: string,
    /** What was there, rendered safe to log; undefined when nothing was. */
    readonly received?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `field: problem, received value`, the received value rendered safe to log. */
export function invalidInput(field: string, problem: string, value: unknown, cause?: unknown): InvalidInputError {
  const received = renderReceived(value);
  return new InvalidInputError(
    `${field}: ${problem}, received ${received ?? 'nothing'}`,
    field,
    received,
    cause === undefined ? undefined : { cause },
  );
}

/** Reads a value with a shape; on failure throws one InvalidInputError for its unknown-key or first issue. */
export function parseWith<T>(shape: Shape<T>, value: unknown, prefix: string): T {
  const issues: Issue[] = [];
  const read = shape.read(value, [], issues);
  if (read.ok) return read.value;
  const issue = describeIssues(issues, prefix);
  throw invalidInput(issue.field, issue.problem, issue.value);
}
