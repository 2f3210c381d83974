import type { CountedOutcome, VerifiedScore } from '../core/record';
import { describeError } from '../runtime/aws-call';
import type { AppliedRecord } from '../guardrails/applied-items';
import type { HistoryKey, OutcomeEntry, RemediationHistory } from '../guardrails/history';

/** Counts a verdict into a remediation's history on a resource (the state table's history item). */
export type RecordOutcome = (at: HistoryKey, entry: OutcomeEntry) => Promise<RemediationHistory>;

/** What counting gave: each pair's score after it, and what could not be counted. */
export interface Counted {
  readonly scores: readonly VerifiedScore[];
  readonly problems: readonly string[];
}

/**
 * Counts the verdict of a re-check into the fix score of every action the run applied (one
 * remediation on one resource each), at once. A failure loses that count only: the
 * verification record says so, and is written anyway.
 */
export async function countOutcome(applied: AppliedRecord, outcome: CountedOutcome, at: Date, record: RecordOutcome): Promise<Counted> {
  const results = await Promise.allSettled(
    applied.actions.map(({ targetKey, action }) =>
      record({ system: applied.system, resourceKey: targetKey, remediation: action.remediation }, { at: at.toISOString(), recordId: applied.recordId, outcome }),
    ),
  );
  const scores: VerifiedScore[] = [];
  const problems: string[] = [];
  results.forEach((r, i) => {
    const { targetKey, action } = applied.actions[i];
    if (r.status === 'fulfilled') scores.push({ remediation: action.remediation, targetKey, recovered: r.value.score.recovered, failed: r.value.score.failed });
    else problems.push(`could not count it in the fix score of ${action.remediation} on ${targetKey} (${describeError(r.reason)})`);
  });
  return { scores, problems };
}
