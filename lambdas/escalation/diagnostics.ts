import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { MAX_LOG_LINES, type LogLinesSettings } from '../../lib/catalogue';
import type { Alarm, Incident } from '../core/alarm';
import type { AwsCallRecord } from '../core/record';
import { awsCall, describeError } from '../runtime/aws-call';
import { cloudwatchClient } from '../runtime/clients/cloudwatch';
import { logsClient } from '../runtime/clients/logs';
import { configuredRules, DEFAULT_REDACTIONS, redactLines, type RedactionRule } from './redact';

export const MAX_MESSAGE_CHARS = 500;
/**
 * How much of a line (CloudWatch allows 256 KB) the redaction reads: four times what is kept, so a
 * secret that starts before the cut is matched whole, and the scan stays short.
 */
export const REDACTION_SCAN_CHARS = 4 * MAX_MESSAGE_CHARS;
/** FilterLogEvents may return empty pages with a next token while it scans: bound the scan. */
export const MAX_LOG_PAGES = 5;
/** More series than a person reads in an alert; GetMetricData itself allows 500. */
export const MAX_METRICS = 50;
const METRICS_LOOKBACK_MS = 3_600_000;

/** A metric to show in the escalation, over the last hour. */
export type MetricRequest = {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: string;
  readonly periodSeconds: number;
};

/**
 * The metrics an alarm watches, as diagnostics to show; `periodSeconds` where the alarm does
 * not say (its signal's period, or five minutes).
 */
export function metricRequests(alarm: Alarm, periodSeconds: number): MetricRequest[] {
  return alarm.metrics.map((m) => ({
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: { ...m.dimensions },
    statistic: m.statistic ?? 'Maximum',
    periodSeconds: m.periodSeconds ?? periodSeconds,
  }));
}

export type DiagnosticsRequest = {
  readonly logGroupName?: string;
  readonly filterPattern?: string;
  readonly metrics?: readonly MetricRequest[];
};

export type LogEventsDiagnostic = {
  readonly logGroupName: string;
  readonly filterPattern: string | null;
  /** Each redacted (or none, with `include: 'none'`), then cut to MAX_MESSAGE_CHARS. */
  readonly events: readonly { readonly timestamp: string | null; readonly message: string }[];
  /** What the reader must know: how many lines were redacted and of what, or why none is sent. */
  readonly redaction: string;
  readonly error?: string;
};

export type MetricSeries = MetricRequest & {
  readonly status: string | null;
  readonly points: readonly { readonly timestamp: string; readonly value: number }[];
};

export type MetricsDiagnostic = { readonly series: readonly MetricSeries[]; readonly omitted: number; readonly error?: string };

/** What was gathered; a failed source carries its error instead of failing the escalation. */
export type Diagnostics = { readonly logEvents?: LogEventsDiagnostic; readonly metrics?: MetricsDiagnostic };

export function truncateMessage(message: string): string {
  const flat = message.trimEnd();
  return flat.length <= MAX_MESSAGE_CHARS ? flat : `${flat.slice(0, MAX_MESSAGE_CHARS - 3)}...`;
}

async function fetchEvents(calls: AwsCallRecord[], logGroupName: string, filterPattern: string | undefined, incident: Incident, maxLines: number) {
  const endTime = incident.alarm.stateChangeTime.getTime();
  const startTime = endTime - incident.windowSeconds * 1000;
  const found: FilteredLogEvent[] = [];
  try {
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_LOG_PAGES && found.length < maxLines; page += 1) {
      const out = await awsCall(calls, 'logs', 'FilterLogEvents', () =>
        logsClient().send(new FilterLogEventsCommand({ logGroupName, filterPattern, startTime, endTime, limit: maxLines - found.length, nextToken })),
        { mutating: false },
      );
      found.push(...(out.events ?? []));
      nextToken = out.nextToken;
      if (!nextToken) break;
    }
    return { found: found.slice(0, maxLines) };
  } catch (err) {
    return { found: found.slice(0, maxLines), error: describeError(err) };
  }
}

/** Every line that leaves goes through here: redacted, then cut; a rule that cannot be built withholds the lines. */
function redacted(events: readonly FilteredLogEvent[], rules: readonly RedactionRule[]): Pick<LogEventsDiagnostic, 'events' | 'redaction'> {
  const { lines, note } = redactLines(events.map((e) => (e.message ?? '').slice(0, REDACTION_SCAN_CHARS)), rules);
  return {
    events: events.map((e, i) => ({ timestamp: e.timestamp === undefined ? null : new Date(e.timestamp).toISOString(), message: truncateMessage(lines[i] ?? '') })),
    redaction: note,
  };
}

async function logEvents(calls: AwsCallRecord[], logGroupName: string, filterPattern: string | undefined, incident: Incident, logLines: LogLinesSettings): Promise<LogEventsDiagnostic> {
  const base = { logGroupName, filterPattern: filterPattern ?? null };
  if (logLines.include === 'none') {
    const redaction = `Log lines are not sent (escalation.logLines.include is "none"): read them in CloudWatch Logs, log group ${logGroupName}.`;
    return { ...base, events: [], redaction };
  }
  let rules: RedactionRule[];
  try {
    rules = [...DEFAULT_REDACTIONS, ...configuredRules(logLines.redactPatterns)];
  } catch (err) {
    // The configuration's check makes this unreachable from a deployment; if it happens, no line leaves unredacted.
    return { ...base, events: [], redaction: `Log lines withheld: ${describeError(err)}` };
  }
  const { found, error } = await fetchEvents(calls, logGroupName, filterPattern, incident, Math.min(Math.max(logLines.maxLines, 1), MAX_LOG_LINES));
  return { ...base, ...redacted(found, rules), ...(error === undefined ? {} : { error }) };
}

async function metricData(calls: AwsCallRecord[], requests: readonly MetricRequest[], now: Date): Promise<MetricsDiagnostic> {
  const shown = requests.slice(0, MAX_METRICS);
  const omitted = requests.length - shown.length;
  try {
    const out = await awsCall(calls, 'cloudwatch', 'GetMetricData', () =>
      cloudwatchClient().send(
        new GetMetricDataCommand({
          StartTime: new Date(now.getTime() - METRICS_LOOKBACK_MS),
          EndTime: now,
          ScanBy: 'TimestampAscending',
          MetricDataQueries: shown.map((m, i) => ({
            Id: `m${i}`,
            ReturnData: true,
            MetricStat: {
              Metric: {
                Namespace: m.namespace,
                MetricName: m.metricName,
                Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
              },
              Period: m.periodSeconds,
              Stat: m.statistic,
            },
          })),
        }),
      ),
      { mutating: false },
    );
    const series = shown.map((m, i): MetricSeries => {
      const result = out.MetricDataResults?.find((r) => r.Id === `m${i}`);
      const timestamps = result?.Timestamps ?? [];
      const values = result?.Values ?? [];
      const points = timestamps.flatMap((t, j) => {
        const value = values[j];
        return value === undefined ? [] : [{ timestamp: t.toISOString(), value }];
      });
      return { ...m, status: result?.StatusCode ?? null, points };
    });
    return { series, omitted };
  } catch (err) {
    return { series: [], omitted, error: describeError(err) };
  }
}

/** Gathers what a person needs first: the matching log events (redacted, or none, as `logLines` says) and the last hour of metrics. */
export async function gatherDiagnostics(
  calls: AwsCallRecord[],
  request: DiagnosticsRequest,
  incident: Incident,
  now: Date,
  logLines: LogLinesSettings,
): Promise<Diagnostics> {
  const logs = request.logGroupName ? await logEvents(calls, request.logGroupName, request.filterPattern, incident, logLines) : undefined;
  const metrics = request.metrics && request.metrics.length > 0 ? await metricData(calls, request.metrics, now) : undefined;
  return { ...(logs ? { logEvents: logs } : {}), ...(metrics ? { metrics } : {}) };
}
