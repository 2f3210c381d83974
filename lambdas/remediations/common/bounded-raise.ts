/** A ceiling on a value a remediation raises, named the way an incident record should name it. */
export interface Limit {
  readonly value: number;
  /** E.g. "the configured cap maxMemoryMb (3008)". */
  readonly name: string;
}

/** The outcome of raising a value under limits: the new value, or the limit that leaves no room. */
export type Raise =
  | { readonly kind: 'raise'; readonly value: number; readonly limitedBy?: Limit }
  | { readonly kind: 'at-limit'; readonly limit: Limit };

/**
 * Raises `current` towards `wanted`, never past the lowest limit. When limits tie, the first one
 * listed is named, so callers list the configured cap before AWS's own limits.
 */
export function boundedRaise(current: number, wanted: number, limits: readonly Limit[]): Raise {
  let lowest: Limit | undefined;
  for (const limit of limits) {
    if (lowest === undefined || limit.value < lowest.value) lowest = limit;
  }
  if (lowest === undefined || lowest.value >= wanted) return { kind: 'raise', value: wanted };
  if (lowest.value <= current) return { kind: 'at-limit', limit: lowest };
  return { kind: 'raise', value: lowest.value, limitedBy: lowest };
}

/** " (limited by …)" when a limit cut the raise short, for plan summaries. */
export function limitedBySuffix(raise: Extract<Raise, { kind: 'raise' }>): string {
  return raise.limitedBy === undefined ? '' : ` (limited by ${raise.limitedBy.name})`;
}
