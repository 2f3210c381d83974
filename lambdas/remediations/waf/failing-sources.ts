import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsCallRecord } from '../../core/record';
import { awsCall } from '../../runtime/aws-call';
import { logsClient } from '../../runtime/clients/logs';
import { formatIp, parseIp, type Ip } from './cidr';

/** FilterLogEvents returns at most 10,000 events a page; empty pages with a token are possible: bound both. */
export const MAX_PAGES = 10;
export const MAX_EVENTS = 10_000;

/** A field name, or a dotted path into nested JSON (`requestContext.identity.sourceIp`). */
export const SOURCE_IP_FIELD_PATTERN = /^[A-Za-z0-9_@$-]+(?:\.[A-Za-z0-9_@$-]+)*$/;

export interface SourceCount {
  readonly ip: Ip;
  /** Canonical: one source written two ways ("2001:DB8::1", "2001:db8:0::1") counts once. */
  readonly address: string;
  readonly hits: number;
}

export type FailingSources =
  | {
      readonly ok: true;
      /** Most hits first. */
      readonly sources: readonly SourceCount[];
      readonly scanned: number;
      /** Events whose field was missing, not JSON, or not one address (a list such as X-Forwarded-For is not trusted). */
      readonly unreadable: number;
      /** False when the bounds stopped the scan before FilterLogEvents had no more pages. */
      readonly complete: boolean;
    }
  | { readonly ok: false; readonly reason: string };

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The source address of one JSON event, or undefined when it has none that is one address. */
export function sourceOf(message: string, path: readonly string[]): Ip | undefined {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return typeof value === 'string' ? parseIp(value) : undefined;
}

/**
 * Counts the sources of the failing requests: the events the alert's own filter pattern matches
 * (the pattern its metric filter counts), in the window, by the source-IP field of each JSON event.
 * The scan is bounded (MAX_PAGES, MAX_EVENTS); a partial one says so. Equivalent to a Logs
 * Insights `stats count(*) by field` over the matching events, without polling a query.
 */
export async function failingSources(
  calls: AwsCallRecord[],
  logGroupName: string,
  filterPattern: string,
  ipField: string,
  window: { readonly startMs: number; readonly endMs: number },
): Promise<FailingSources> {
  if (!SOURCE_IP_FIELD_PATTERN.test(ipField)) {
    return { ok: false, reason: `sourceIpField "${ipField}" is not a field name or dotted path of a JSON event` };
  }
  if (filterPattern.trim() === '') {
    return { ok: false, reason: `the alert's filter pattern on ${logGroupName} is empty: every event would count as failing, so nothing is blocked` };
  }
  const path = ipField.split('.');
  const counts = new Map<string, SourceCount>();
  let scanned = 0;
  let unreadable = 0;
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES && scanned < MAX_EVENTS; page += 1) {
    const out = await awsCall(calls, 'logs', 'FilterLogEvents', () =>
      logsClient().send(
        new FilterLogEventsCommand({ logGroupName, filterPattern, startTime: window.startMs, endTime: window.endMs, limit: MAX_EVENTS - scanned, nextToken }),
      ),
      { mutating: false },
    );
    for (const event of (out.events ?? []).slice(0, MAX_EVENTS - scanned)) {
      scanned += 1;
      const ip = sourceOf(event.message ?? '', path);
      if (!ip) {
        unreadable += 1;
        continue;
      }
      const address = formatIp(ip);
      counts.set(address, { ip, address, hits: (counts.get(address)?.hits ?? 0) + 1 });
    }
    nextToken = out.nextToken;
    if (!nextToken) break;
  }
  const sources = [...counts.values()].sort((a, b) => b.hits - a.hits || a.address.localeCompare(b.address));
  return { ok: true, sources, scanned, unreadable, complete: nextToken === undefined };
}
