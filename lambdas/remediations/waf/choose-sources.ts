import { cidrContains, hostCidr } from './cidr';
import type { SourceCount } from './failing-sources';
import { allowedRangeOf, type AllowedRange } from './never-block';
import { listedRanges } from './waf-ip-set';

/** A source needs at least this many failing requests in the window to be blocked. */
export const MIN_HITS_TO_BLOCK = 5;
/** At most this many new addresses per action, most failing requests first: a wider attack is for people. */
export const MAX_NEW_ADDRESSES = 10;

/** What the plan decided about the failing requests' sources, each list with its reason. */
export interface SourceChoice {
  /** Host CIDRs to add, most failing requests first. */
  readonly block: readonly string[];
  /** Sources with enough failing requests that an allowed range holds, and which range. */
  readonly neverBlocked: readonly { readonly ip: string; readonly hits: number; readonly why: string }[];
  /** Sources left for the next action: over MAX_NEW_ADDRESSES. */
  readonly deferred: number;
  readonly belowThreshold: number;
  /** Sources of the other address family than the IP set's. */
  readonly otherFamily: number;
  readonly alreadyBlocked: number;
}

/**
 * Chooses the sources to block: enough failing requests, never in an allowed range, of the IP
 * set's family, not yet covered by a range the set lists, at most MAX_NEW_ADDRESSES.
 */
export function chooseSources(
  sources: readonly SourceCount[],
  allowed: readonly AllowedRange[],
  version: 'IPV4' | 'IPV6',
  existing: readonly string[],
): SourceChoice {
  const listed = listedRanges(existing);
  const family = version === 'IPV4' ? 4 : 6;
  const neverBlocked: SourceChoice['neverBlocked'][number][] = [];
  const eligible: string[] = [];
  let belowThreshold = 0;
  let otherFamily = 0;
  let alreadyBlocked = 0;
  for (const s of sources) {
    if (s.hits < MIN_HITS_TO_BLOCK) {
      belowThreshold += 1;
      continue;
    }
    const range = allowedRangeOf(allowed, s.ip);
    if (range) neverBlocked.push({ ip: s.address, hits: s.hits, why: range.why });
    else if (s.ip.family !== family) otherFamily += 1;
    else if (listed.some((c) => cidrContains(c, s.ip))) alreadyBlocked += 1;
    else eligible.push(hostCidr(s.ip));
  }
  return {
    block: eligible.slice(0, MAX_NEW_ADDRESSES),
    neverBlocked,
    deferred: Math.max(eligible.length - MAX_NEW_ADDRESSES, 0),
    belowThreshold,
    otherFamily,
    alreadyBlocked,
  };
}
