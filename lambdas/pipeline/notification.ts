/**
 * Parsing at the edge: everything a responder Lambda can be invoked with (an SNS event carrying
 * CloudWatch alarm notifications, or a manual payload) becomes a typed value or an
 * InvalidInputError that names the field, the problem and the received value. It never throws:
 * every SNS record, manual payload or piece of garbage gets exactly one outcome, so the caller
 * can write exactly one result record for each.
 */
import {
  ALARM_ARN,
  InvalidInputError,
  MAX_MANUAL_PAYLOAD_BYTES,
  MAX_SNS_MESSAGE_BYTES,
  STATE_CHANGE_TIME,
  alarmCommonSchema,
  invalidInput,
  isRecord,
  manualRespondSchema,
  manualUndoSchema,
  mathTriggerSchema,
  metricTriggerSchema,
  parseWith,
  renderReceived,
  snsRecordSchema,
  triggeringChildrenSchema,
  type DimensionsInput,
} from './notification-schema';

import type { NotifiedAlarm, TriggerMetric } from '../core/alarm';

export { InvalidInputError } from './notification-schema';

/** An SNS notification of an alarm transition, parse-only: the responder reasons about its `alarm`. */
export interface AlarmNotification {
  readonly source: 'sns';
  readonly messageId: string;
  readonly topicArn: string;
  readonly alarm: NotifiedAlarm;
  readonly alarmDescription?: string;
  readonly expressions: readonly { id: string; expression: string; label?: string }[];
  readonly threshold?: number;
  readonly comparison?: string;
  readonly alarmRule?: string;
  readonly triggeringChildren: readonly { arn: string; state: string; timestamp?: string }[];
}
export interface ManualDryRun { readonly source: 'manual'; readonly action: 'respond'; readonly alarmName: string; readonly dryRun: boolean; readonly requestId?: string }
export interface ManualUndo { readonly source: 'manual'; readonly action: 'undo'; readonly recordId: string; readonly dryRun: boolean }
export type Invocation = AlarmNotification | ManualDryRun | ManualUndo;
export type ParseOutcome = { readonly ok: true; readonly value: Invocation } | { readonly ok: false; readonly error: InvalidInputError };

/**
 * The SNS delivery an outcome is, for the idempotency key; undefined for invalid input and
 * manual invocations, which carry no key and run as they come.
 */
export function deliveryOf(outcome: ParseOutcome): AlarmNotification | undefined {
  return outcome.ok && outcome.value.source === 'sns' ? outcome.value : undefined;
}

/** One outcome per thing that must get a result record: one per SNS record, or one for a manual payload, or one for garbage. */
export function parseInvocation(event: unknown): ParseOutcome[] {
  try {
    if (isRecord(event) && 'Records' in event) {
      const records = event.Records;
      if (!Array.isArray(records) || records.length === 0) {
        return [failure(invalidInput('Records', 'expected a non-empty array of SNS records', records))];
      }
      return records.map((record: unknown, i) => outcome(() => parseSnsRecord(record, i)));
    }
    if (isRecord(event) && ('alarmName' in event || 'undo' in event)) return [outcome(() => parseManual(event))];
  } catch (err) {
    // Only a non-JSON event (a throwing getter, a proxy) gets here; it still gets its one outcome.
    return [failure(new InvalidInputError('event: could not be read', 'event', undefined, { cause: err }))];
  }
  const expected = 'expected an SNS event {"Records": [...]} or a manual payload {"alarmName": ...} or {"undo": ...}';
  return [failure(invalidInput('event', expected, event))];
}

const failure = (error: InvalidInputError): ParseOutcome => ({ ok: false, error });

/** Turns whatever `parse` throws into an error outcome, so one bad record cannot hide the others. */
function outcome(parse: () => Invocation): ParseOutcome {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof InvalidInputError) return failure(err);
    // Not expected from JSON input; still an outcome, so the invocation still gets its record.
    return failure(new InvalidInputError('event: could not be parsed', 'event', undefined, { cause: err }));
  }
}

function parseSnsRecord(record: unknown, index: number): AlarmNotification {
  const { Sns: sns } = parseWith(snsRecordSchema, record, `Records[${index}]`);
  try {
    return parseAlarmMessage(sns.Message, sns.MessageId, sns.TopicArn);
  } catch (err) {
    if (!(err instanceof InvalidInputError)) throw err;
    // Say which record, so a failed record of a batch can be found.
    const where = ` (Records[${index}], SNS MessageId ${renderReceived(sns.MessageId) ?? ''})`;
    throw new InvalidInputError(err.message + where, err.field, err.received, { cause: err.cause });
  }
}

function parseAlarmMessage(message: string, messageId: string, topicArn: string): AlarmNotification {
  const bytes = Buffer.byteLength(message, 'utf8');
  if (bytes > MAX_SNS_MESSAGE_BYTES) {
    throw invalidInput('Message', `too large: ${bytes} bytes, over the SNS limit of ${MAX_SNS_MESSAGE_BYTES}`, message);
  }
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch (err) {
    throw invalidInput('Message', 'expected a CloudWatch alarm notification in JSON, not valid JSON', message, err);
  }
  if (!isRecord(json)) throw invalidInput('Message', 'expected a CloudWatch alarm notification (a JSON object)', json);

  const alarm = parseWith(alarmCommonSchema, json, 'Message');
  // The schema checked the ARN against this pattern; this only takes it apart.
  const [, region = '', account = '', arnName = ''] = ALARM_ARN.exec(alarm.AlarmArn) ?? [];
  if (arnName !== alarm.AlarmName) {
    const problem = `expected the ARN of alarm ${JSON.stringify(alarm.AlarmName)} (AlarmName)`;
    throw invalidInput('Message.AlarmArn', problem, alarm.AlarmArn);
  }
  if (alarm.AWSAccountId != null && alarm.AWSAccountId !== account) {
    throw invalidInput('Message.AWSAccountId', `expected ${account}, the account in AlarmArn`, alarm.AWSAccountId);
  }
  const stateChangeTime = parseStateChangeTime(alarm.StateChangeTime);
  if (stateChangeTime === undefined) {
    throw invalidInput('Message.StateChangeTime', 'expected a real date and time', alarm.StateChangeTime);
  }
  const seen = {
    name: alarm.AlarmName,
    arn: alarm.AlarmArn,
    account,
    region,
    state: alarm.NewStateValue,
    previousState: alarm.OldStateValue,
    reason: alarm.NewStateReason,
    stateChangeTime,
    stateChangeTimeRaw: alarm.StateChangeTime,
  };
  const common = { source: 'sns', messageId, topicArn, alarmDescription: alarm.AlarmDescription ?? undefined } as const;

  // A composite alarm has no Trigger; metric and metric-math alarms always have one.
  if (alarm.Trigger != null) {
    const { shape, metrics, periodSeconds, evaluationPeriods, ...rest } = parseTrigger(alarm.Trigger);
    return { ...common, alarm: { ...seen, shape, metrics, periodSeconds, evaluationPeriods }, ...rest, triggeringChildren: [] };
  }
  if (alarm.AlarmRule != null) {
    const children = parseWith(triggeringChildrenSchema, alarm.TriggeringChildren, 'Message.TriggeringChildren') ?? [];
    return {
      ...common,
      alarm: { ...seen, shape: 'composite', metrics: [] },
      expressions: [],
      alarmRule: alarm.AlarmRule,
      triggeringChildren: children.map((c) => ({ arn: c.Arn, state: c.State.Value, timestamp: c.State.Timestamp ?? undefined })),
    };
  }
  throw invalidInput('Message.Trigger', 'expected a Trigger (metric alarm) or an AlarmRule (composite alarm)', undefined);
}

type TriggerPart = Pick<NotifiedAlarm, 'shape' | 'metrics' | 'periodSeconds' | 'evaluationPeriods'> & Pick<AlarmNotification, 'expressions' | 'threshold' | 'comparison'>;

function parseTrigger(trigger: unknown): TriggerPart {
  // Metric math is told apart by its Metrics list: it has no top-level MetricName.
  if (isRecord(trigger) && 'Metrics' in trigger) {
    const t = parseWith(mathTriggerSchema, trigger, 'Message.Trigger');
    const metrics: TriggerMetric[] = [];
    const expressions: { id: string; expression: string; label?: string }[] = [];
    t.Metrics.forEach((entry, i) => {
      const field = `Message.Trigger.Metrics[${i}]`;
      if ((entry.MetricStat == null) === (entry.Expression == null)) {
        throw invalidInput(field, 'expected exactly one of MetricStat and Expression', entry);
      }
      if (entry.Expression != null) {
        expressions.push({ id: entry.Id, expression: entry.Expression, label: entry.Label ?? undefined });
      } else if (entry.MetricStat != null) {
        const { Metric: m, Stat, Period } = entry.MetricStat;
        const dimensions = toDimensions(m.Dimensions, `${field}.MetricStat.Metric.Dimensions`);
        metrics.push({ id: entry.Id, namespace: m.Namespace, metricName: m.MetricName, dimensions, statistic: Stat, periodSeconds: Period });
      }
    });
    return { shape: 'metric-math', metrics, expressions, ...thresholds(t) };
  }
  const t = parseWith(metricTriggerSchema, trigger, 'Message.Trigger');
  // Percentile alarms say StatisticType "ExtendedStatistic" and carry p95 etc. in ExtendedStatistic.
  const raw = t.StatisticType === 'ExtendedStatistic' ? t.ExtendedStatistic : (t.Statistic ?? t.ExtendedStatistic);
  const metric: TriggerMetric = {
    namespace: t.Namespace,
    metricName: t.MetricName,
    dimensions: toDimensions(t.Dimensions, 'Message.Trigger.Dimensions'),
    statistic: raw == null ? undefined : normaliseStatistic(raw),
    periodSeconds: t.Period,
  };
  return { shape: 'metric', metrics: [metric], expressions: [], ...thresholds(t) };
}

function thresholds(t: { Period?: number; EvaluationPeriods?: number; Threshold?: number; ComparisonOperator?: string }) {
  return { periodSeconds: t.Period, evaluationPeriods: t.EvaluationPeriods, threshold: t.Threshold, comparison: t.ComparisonOperator };
}

function toDimensions(list: DimensionsInput, field: string): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  (list ?? []).forEach((d, i) => {
    // CloudWatch forbids repeating a dimension name: a repeat means a forged or garbled payload.
    if (Object.hasOwn(out, d.name)) throw invalidInput(`${field}[${i}].name`, 'expected unique dimension names', d.name);
    out[d.name] = d.value;
  });
  return out;
}

/** SNS writes standard statistics in capitals ("AVERAGE"); the API and the catalogue use "Average". */
const STATISTICS: Readonly<Record<string, string>> = {
  AVERAGE: 'Average', SUM: 'Sum', MINIMUM: 'Minimum', MAXIMUM: 'Maximum', SAMPLECOUNT: 'SampleCount',
};
function normaliseStatistic(s: string): string {
  return STATISTICS[s.toUpperCase().replace(/_/g, '')] ?? s;
}

/** `2015-06-03T17:43:27.123+0000` (or ISO with Z / +00:00); undefined unless a real instant. */
export function parseStateChangeTime(raw: string): Date | undefined {
  const m = STATE_CHANGE_TIME.exec(raw);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = Number(`${m[7] ?? ''}000`.slice(0, 3));
  const zone = m[8] ?? 'Z';
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  // Date rolls 2015-02-30 over to March: reject instead of guessing.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (zone === 'Z') return date;
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (offset === null || Number(offset[2]) > 14 || Number(offset[3]) > 59) return undefined;
  const minutes = (Number(offset[2]) * 60 + Number(offset[3])) * (offset[1] === '-' ? -1 : 1);
  return new Date(date.getTime() - minutes * 60_000);
}

function parseManual(event: Record<string, unknown>): ManualDryRun | ManualUndo {
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(event), 'utf8');
  } catch (err) {
    throw invalidInput('event', 'expected a JSON payload', event, err);
  }
  if (size > MAX_MANUAL_PAYLOAD_BYTES) {
    throw invalidInput('event', `too large: ${size} bytes of JSON, over the limit of ${MAX_MANUAL_PAYLOAD_BYTES}`, event);
  }
  if ('alarmName' in event && 'undo' in event) {
    throw invalidInput('alarmName, undo', 'expected either alarmName (respond) or undo (undo a record), not both', event);
  }
  // A manual run never mutates unless `dryRun: false` is said explicitly.
  if ('undo' in event) {
    const undo = parseWith(manualUndoSchema, event, '');
    return { source: 'manual', action: 'undo', recordId: undo.undo, dryRun: undo.dryRun ?? true };
  }
  const respond = parseWith(manualRespondSchema, event, '');
  return { source: 'manual', action: 'respond', alarmName: respond.alarmName, dryRun: respond.dryRun ?? true, requestId: respond.requestId };
}
