import { REMEDIATIONS, type RemediationId } from './remediations';
import type { Severity } from './severity';

/**
 * The autonomy ladder, lowest first: `observe` plans and records (people are told as for any
 * unhandled alarm), `propose` plans, records and asks people to approve, `auto` applies within
 * the guardrails. Same union as lambdas/core/autonomy.ts's `AutonomyLevel`.
 */
export const AUTONOMY_LEVELS = ['observe', 'propose', 'auto'] as const;
export type LadderLevel = (typeof AUTONOMY_LEVELS)[number];

/** The lower of two levels. */
export function lowerLevel(a: LadderLevel, b: LadderLevel): LadderLevel {
  return AUTONOMY_LEVELS.indexOf(a) <= AUTONOMY_LEVELS.indexOf(b) ? a : b;
}

/** Where a configured level comes from: the nearest configuration level that sets it. */
export type LevelSource = 'resource' | 'system' | 'deployment' | 'guarded';

/** A level set in the configuration, and where. */
export interface ConfiguredLevel {
  readonly level: LadderLevel;
  readonly from: LevelSource;
}

/**
 * Levels the configuration sets, resolved at synth (nearest wins): on a target, what the
 * resource sets itself (its `autonomy`, its `guarded` list); for a responder, what its system
 * and the deployment set for its remediations (AutonomyLimits.system). Each holds the level of
 * remediations and the cap of severities it sets; what neither sets takes the built-in defaults.
 */
export interface TargetAutonomy {
  readonly remediations?: Readonly<Partial<Record<RemediationId, ConfiguredLevel>>>;
  readonly severities?: Readonly<Partial<Record<Severity, ConfiguredLevel>>>;
}

/**
 * The level the configuration sets for a remediation on a target, nearest first: what the
 * resource sets (`target.autonomy`), then what its system or the deployment sets (`system`, one
 * per responder). Undefined: the built-in default.
 */
export function configuredLevelOf(remediation: RemediationId, target: { readonly autonomy?: TargetAutonomy }, system?: TargetAutonomy): ConfiguredLevel | undefined {
  return target.autonomy?.remediations?.[remediation] ?? system?.remediations?.[remediation];
}

/** The cap a resource or its system sets on alerts of a severity; undefined: `autonomousSeverities` decides. */
export function severityCapOf(severity: Severity, target: { readonly autonomy?: TargetAutonomy }, system?: TargetAutonomy): ConfiguredLevel | undefined {
  return target.autonomy?.severities?.[severity] ?? system?.severities?.[severity];
}

/** The built-in level of a remediation: guarded actions `propose`, the others `auto` (today's behaviour). */
export function defaultLevel(id: RemediationId): LadderLevel {
  return REMEDIATIONS[id].guarded ? 'propose' : 'auto';
}

/** What the responders read of the deployment's `autonomy` (AR_AUTONOMY): when a remediation drops to `propose` on a resource. */
export interface AutonomyLimits {
  /** What the responder's system and the deployment set of the ladder, for the responder's remediations (a target's own settings are nearer). */
  readonly system?: TargetAutonomy;
  readonly recurrence: { readonly maxApplies: number; readonly days: number };
  readonly failedVerifications: number;
  /** Promotion: a remediation configured `propose` on a resource becomes `auto` there after this many approved runs that recovered. @default - never */
  readonly promoteAfter?: number;
}

/** The recurrence brake: a remediation applied `maxApplies` times to one resource within `days` days drops to `propose` there. */
export const DEFAULT_RECURRENCE = { maxApplies: 3, days: 7 } as const;

/** The fix score: a remediation whose last `failedVerifications` re-checks on a resource all found the alarm still firing drops to `propose` there. */
export const DEFAULT_FAILED_VERIFICATIONS = 2;

export const DEFAULT_AUTONOMY_LIMITS: AutonomyLimits = { recurrence: DEFAULT_RECURRENCE, failedVerifications: DEFAULT_FAILED_VERIFICATIONS };
