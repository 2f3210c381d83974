/**
 * State-table round trips as real DynamoDB would count them, from the requests a notification
 * made (seen by the fake AWS, or by a middleware on the client in the benchmark):
 * - dynalite lacks ReturnValuesOnConditionCheckFailure, so after a failed condition the guardrails
 *   read the item (a consistent GetItem of the same key); real DynamoDB returns it with the
 *   failure. Those reads are counted apart, as `fallbacks`.
 * - requests in flight together are one round trip (a `wave`);
 * - a request in flight together with the plan's own AWS calls (the circuit breaker's read) adds
 *   no wait of its own: counted apart, as `overlapped`.
 */
export interface TimedCall {
  readonly operation: string;
  /** The item's id. */
  readonly key: string;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Answered with ConditionalCheckFailedException. */
  readonly failedCondition: boolean;
}

export interface RoundTrips {
  /** Every request to the state table. */
  readonly calls: number;
  /** Reads only dynalite needs (real DynamoDB returns the item with the failed condition). */
  readonly fallbacks: number;
  /** Waves of requests made one after the other, as real DynamoDB would count them. */
  readonly sequential: number;
  /** Requests in flight together with the plan's own calls. */
  readonly overlapped: number;
}

/** The fallback reads: a GetItem of the key whose conditional write just failed. */
function fallbacks(calls: readonly TimedCall[]): Set<TimedCall> {
  const found = new Set<TimedCall>();
  const failed = new Map<string, number>();
  for (const c of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    if (c.failedCondition) failed.set(c.key, c.endedAt);
    else if (c.operation === 'GetItem' && (failed.get(c.key) ?? Infinity) <= c.startedAt) {
      found.add(c);
      failed.delete(c.key);
    }
  }
  return found;
}

/** Whether two requests were in flight together at some instant. */
export const overlap = (a: Pick<TimedCall, 'startedAt' | 'endedAt'>, b: Pick<TimedCall, 'startedAt' | 'endedAt'>): boolean => a.startedAt < b.endedAt && b.startedAt < a.endedAt;

/** Counts the round trips of one notification, given the plan's own calls (any AWS call that is not the state table's). */
export function countRoundTrips(calls: readonly TimedCall[], planCalls: readonly Pick<TimedCall, 'startedAt' | 'endedAt'>[] = []): RoundTrips {
  const extra = fallbacks(calls);
  const overlapped = calls.filter((c) => !extra.has(c) && planCalls.some((p) => overlap(c, p)));
  const counted = calls.filter((c) => !extra.has(c) && !overlapped.includes(c)).sort((a, b) => a.startedAt - b.startedAt);
  const waves: Array<{ start: number; end: number }> = [];
  for (const c of counted) {
    const last = waves.at(-1);
    if (last && c.startedAt < last.end) last.end = Math.max(last.end, c.endedAt);
    else waves.push({ start: c.startedAt, end: c.endedAt });
  }
  return { calls: calls.length, fallbacks: extra.size, sequential: waves.length, overlapped: overlapped.length };
}
