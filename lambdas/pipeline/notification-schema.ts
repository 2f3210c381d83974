/**
 * Zod schemas for everything a responder Lambda can be invoked with, InvalidInputError, and the
 * helpers that turn a zod issue into "field: what was wrong, received what", safe to log.
 *
 * The AWS-produced shapes (SNS envelope, alarm message) are loose objects: AWS adds fields over
 * time (ActionsSuppressedBy, AlarmConfigurationUpdatedTimestamp, ...) and a new field must never
 * make a responder drop an alarm. The manual payloads are strict: a person typed them, and a
 * misspelt `dryrun` silently ignored would be exactly the mistake that mutates production.
 */
import * as z from 'zod';

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

const nonEmpty = (what: string) => z.string().min(1, { message: `expected ${what}` });
const safeName = (what: string, max: number) =>
  z
    .string()
    .min(1, { message: `expected ${what} of 1 to ${max} characters` })
    .max(max, { message: `expected ${what} of 1 to ${max} characters` })
    .refine((s) => !hasUnsafeChars(s), { message: `expected ${what} without control characters` });
const optionalNumber = z.number().optional();
const positiveInt = (what: string) =>
  z.number().int({ message: `expected ${what} as a positive integer` }).positive({ message: `expected ${what} as a positive integer` });

export const snsRecordSchema = z.looseObject({
  EventSource: z.literal('aws:sns', { message: 'expected "aws:sns"' }),
  Sns: z.looseObject({
    MessageId: nonEmpty('the SNS message id'),
    TopicArn: z.string().regex(TOPIC_ARN, { message: 'expected an SNS topic ARN' }),
    // Size is checked before parsing the JSON; zod only checks the type here.
    Message: z.string(),
    Subject: z.string().nullish(),
    Timestamp: z.string().optional(),
  }),
});

/** Fields every alarm notification has, whatever its kind. */
export const alarmCommonSchema = z.looseObject({
  AlarmName: safeName('an alarm name', 255),
  AlarmArn: z.string().regex(ALARM_ARN, { message: 'expected a CloudWatch alarm ARN' }),
  // AWS sends null when the alarm has no description.
  AlarmDescription: z.string().nullish(),
  AWSAccountId: z.string().nullish(),
  NewStateValue: z.enum(ALARM_STATES),
  OldStateValue: z.enum(ALARM_STATES),
  NewStateReason: z.string(),
  StateChangeTime: z.string().regex(STATE_CHANGE_TIME, {
    message: 'expected a timestamp like 2015-06-03T17:43:27.123+0000',
  }),
  // Parsed by the schema of its kind (metric or metric math) once its contents tell which.
  Trigger: z.unknown().optional(),
  AlarmRule: z.string().nullish(),
  TriggeringChildren: z.unknown().optional(),
});

/** The real payload writes `{name, value}`; some tooling writes `{Name, Value}` as the API does. */
const dimensionSchema = z.preprocess(
  (v) => (isRecord(v) && !('name' in v) && !('value' in v) ? { name: v.Name, value: v.Value } : v),
  z.looseObject({ name: nonEmpty('a dimension name'), value: z.string() }),
);
const dimensionsSchema = z.array(dimensionSchema).optional();

const triggerCommon = {
  Period: positiveInt('the period in seconds').optional(),
  EvaluationPeriods: positiveInt('the number of evaluation periods').optional(),
  // Absent on anomaly-detection alarms (they carry ThresholdMetricId instead).
  Threshold: optionalNumber,
  ComparisonOperator: z.string().optional(),
};

export const metricTriggerSchema = z.looseObject({
  ...triggerCommon,
  MetricName: nonEmpty('a metric name'),
  Namespace: nonEmpty('a metric namespace'),
  Dimensions: dimensionsSchema,
  StatisticType: z.string().nullish(),
  Statistic: z.string().nullish(),
  ExtendedStatistic: z.string().nullish(),
});

const mathEntrySchema = z.looseObject({
  Id: nonEmpty('a metric id'),
  Expression: z.string().nullish(),
  Label: z.string().nullish(),
  ReturnData: z.boolean().nullish(),
  MetricStat: z
    .looseObject({
      Metric: z.looseObject({
        Namespace: nonEmpty('a metric namespace'),
        MetricName: nonEmpty('a metric name'),
        Dimensions: dimensionsSchema,
      }),
      Period: positiveInt('the period in seconds').optional(),
      Stat: nonEmpty('a statistic'),
    })
    .nullish(),
});

export const mathTriggerSchema = z.looseObject({
  ...triggerCommon,
  Metrics: z.array(mathEntrySchema).min(1, { message: 'expected at least one metric' }),
});

/** A child's state is `{Value, Timestamp}` in the real payload; accept a bare state string too. */
const childStateSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { Value: v } : v),
  z.looseObject({ Value: nonEmpty('a state'), Timestamp: z.string().nullish() }),
);
export const triggeringChildrenSchema = z
  .array(z.looseObject({ Arn: nonEmpty('a child alarm ARN'), State: childStateSchema }))
  .nullish();

export const manualRespondSchema = z.strictObject({
  alarmName: safeName('an alarm name', 255),
  dryRun: z.boolean().optional(),
  requestId: safeName('a request id', 128).optional(),
});

export const manualUndoSchema = z.strictObject({
  undo: safeName('a record id', 255),
  dryRun: z.boolean().optional(),
});

export type SnsRecordInput = z.infer<typeof snsRecordSchema>;
export type AlarmCommonInput = z.infer<typeof alarmCommonSchema>;
export type MetricTriggerInput = z.infer<typeof metricTriggerSchema>;
export type MathTriggerInput = z.infer<typeof mathTriggerSchema>;
export type DimensionsInput = z.infer<typeof dimensionsSchema>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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

const ARTICLE: Readonly<Record<string, string>> = {
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
 * One description for a failed parse: unknown fields first (the likeliest human mistake), then
 * the first other issue. `prefix` roots the path, e.g. `Message` for the alarm JSON.
 */
export function describeIssues(error: z.ZodError, prefix: string): IssueDescription {
  const issues = error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  if (issue === undefined) return { field: prefix, problem: 'invalid input', value: undefined };
  const input: unknown = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const entries = isRecord(input) ? issue.keys.map((k) => [k, input[k]] as const) : [];
      return {
        field: issue.keys.map((k) => formatPath(prefix, [...issue.path, k])).join(', '),
        problem: `unknown field${issue.keys.length > 1 ? 's' : ''}, not accepted${more}`,
        value: Object.fromEntries(entries),
      };
    }
    case 'invalid_type':
      return {
        field: formatPath(prefix, issue.path),
        problem: `expected ${ARTICLE[issue.expected] ?? issue.expected}${more}`,
        value: input,
      };
    case 'invalid_value':
      return {
        field: formatPath(prefix, issue.path),
        problem: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}${more}`,
        value: input,
      };
    default:
      // Every other check in the schemas above carries an "expected ..." message of its own.
      return { field: formatPath(prefix, issue.path), problem: `${issue.message}${more}`, value: input };
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

/** Runs a schema; on failure throws one InvalidInputError for its unknown-key or first issue. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = describeIssues(result.error, prefix);
  throw invalidInput(issue.field, issue.problem, issue.value, result.error);
}
