import type { AutonomyLevel } from './autonomy';

/** The level an action was decided at, and why (the nearest configuration, a severity cap, a brake, the fix score). */
export interface LevelRecord {
  readonly level: AutonomyLevel;
  readonly why: string;
}

/** A re-check's verdict as the fix score counts it; other outcomes (no data, no alarm) are not counted. */
export type CountedOutcome = 'recovered' | 'still-alarm';

/**
 * How a remediation has fared on one resource: re-checks that found the alarm recovered, and
 * that found it still firing, since its history began; `recent` holds the latest verdicts, oldest first.
 */
export interface FixScore {
  readonly recovered: number;
  readonly failed: number;
  readonly recent: readonly CountedOutcome[];
}

/** One earlier apply of a remediation on a resource, as its history keeps it. */
export interface AppliedEntry {
  readonly at: string;
  readonly recordId: string;
  readonly summary: string;
  /** The plan's before and after, as JSON cut to a few hundred characters. */
  readonly before: string;
  readonly after: string;
  /** What its re-check found, where it has come. */
  readonly verification?: CountedOutcome;
  /** Who approved it, where it was a proposal applied on approval (promotion counts those that recovered). */
  readonly approvedBy?: string;
}

/** Why the recurrence brake held a remediation back: its recent applies, and what would make the fix permanent. */
export interface RecurrenceRecord {
  readonly applies: readonly AppliedEntry[];
  readonly days: number;
  readonly permanentFix: string;
}
