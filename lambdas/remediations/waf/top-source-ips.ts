import { isIP } from 'node:net';
import { GetQueryResultsCommand, StartQueryCommand, StopQueryCommand, type ResultField } from '@aws-sdk/client-cloudwatch-logs';
import type { Incident } from '../../core/alarm';
import type { AwsCallRecord } from '../../core/record';
import { awsCall } from '../../runtime/aws-call';
import { logsClient } from '../../runtime/clients/logs';

/** How long to wait for a Logs Insights query; tests set intervalMs to 0. */
export const pollPolicy = { intervalMs: 1000, maxPolls: 20 };

/** The field name is interpolated into the query, so only plain Insights field names pass. */
export const SOURCE_IP_FIELD_PATTERN = /^[A-Za-z0-9_.@]+$/;

export const TOP_SOURCES_LIMIT = 10;

export interface SourceCount {
  readonly ip: string;
  readonly hits: number;
}

export type TopSources =
  | { readonly ok: true; readonly sources: readonly SourceCount[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The log group's filter pattern is not Insights syntax, so the query counts every event with
 * the field over the alarm window; the caller applies a minimum number of hits.
 */
export function topSourcesQuery(ipField: string): string {
  return (
    `fields @timestamp, ${ipField} | filter ispresent(${ipField}) | ` +
    `stats count(*) as hits by ${ipField} | sort hits desc | limit ${TOP_SOURCES_LIMIT}`
  );
}

/** Rows whose field is not an IP address (proxies writing "-", hostnames) are dropped. */
export function parseTopSources(rows: readonly (readonly ResultField[])[], ipField: string): SourceCount[] {
  const sources: SourceCount[] = [];
  for (const row of rows) {
    const ip = row.find((f) => f.field === ipField)?.value?.trim();
    const hits = Number(row.find((f) => f.field === 'hits')?.value);
    if (ip !== undefined && isIP(ip) !== 0 && Number.isFinite(hits)) sources.push({ ip, hits });
  }
  return sources.sort((a, b) => b.hits - a.hits);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const FINISHED = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout']);

/** Runs the top-sources query over the alarm window and waits, boundedly, for its result. */
export async function queryTopSources(
  calls: AwsCallRecord[],
  logGroupName: string,
  ipField: string,
  incident: Incident,
): Promise<TopSources> {
  if (!SOURCE_IP_FIELD_PATTERN.test(ipField)) {
    return { ok: false, reason: `sourceIpField "${ipField}" is not a plain Logs Insights field name (letters, digits, "_", ".", "@")` };
  }
  const endMs = incident.alarm.stateChangeTime.getTime();
  // Starting a query reads logs and changes no resource.
  const { queryId } = await awsCall(calls, 'logs', 'StartQuery', () =>
    logsClient.send(
      new StartQueryCommand({
        logGroupName,
        startTime: Math.floor((endMs - incident.windowSeconds * 1000) / 1000),
        endTime: Math.ceil(endMs / 1000),
        queryString: topSourcesQuery(ipField),
      }),
    ),
    { mutating: false },
  );
  if (!queryId) return { ok: false, reason: 'StartQuery returned no query id' };

  for (let poll = 0; poll < pollPolicy.maxPolls; poll += 1) {
    await sleep(pollPolicy.intervalMs);
    const out = await awsCall(calls, 'logs', 'GetQueryResults', () => logsClient.send(new GetQueryResultsCommand({ queryId })), {
      mutating: false,
    });
    const status = out.status ?? 'Unknown';
    if (!FINISHED.has(status)) continue;
    if (status !== 'Complete') return { ok: false, reason: `Logs Insights query ${queryId} ended with status ${status}` };
    return { ok: true, sources: parseTopSources(out.results ?? [], ipField) };
  }
  // Best effort: an unfinished query still counts against the account's concurrent-query quota.
  await awsCall(calls, 'logs', 'StopQuery', () => logsClient.send(new StopQueryCommand({ queryId })), { mutating: false }).catch(
    () => undefined,
  );
  return { ok: false, reason: `Logs Insights query ${queryId} did not complete within ${pollPolicy.maxPolls} polls` };
}
