import type { Severity } from '../severity';
import type { SignalsByTarget } from '../signals';

/** One alert kind of ALERTS.md: how it is measured per target type, how bad it is, what fixes it. */
export interface AlertKindSpec {
  readonly title: string;
  readonly severity: Severity;
  /** Unit of the threshold, for docs and messages. */
  readonly unit: 'percent' | 'milliseconds' | 'count' | 'status' | 'USD per day' | 'value';
  /** Inclusive bounds a configured threshold must fall within. */
  readonly thresholdRange: { readonly min: number; readonly max: number };
  readonly signals: SignalsByTarget;
  /** Default filter pattern for log-group targets of this kind. */
  readonly defaultFilterPattern?: string;
  readonly runbook: { readonly refs: readonly string[]; readonly steps: readonly string[] };
}

/** Evaluation windows: periods × evaluations, and what missing data means. */
export const ONCE_1_MIN = { periodSeconds: 60, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' } as const;
export const ONCE_5_MIN = { periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching' } as const;
export const TWICE_1_MIN = { periodSeconds: 60, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'notBreaching' } as const;
export const TWICE_1_MIN_MISSING_BREACHES = { periodSeconds: 60, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching' } as const;
export const TWICE_5_MIN = { periodSeconds: 300, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'notBreaching' } as const;

export const LATENCY_RANGE = { min: 1, max: 900000 } as const;
export const PERCENT_RANGE = { min: 0, max: 100 } as const;
export const COUNT_RANGE = { min: 0, max: 1e9 } as const;
