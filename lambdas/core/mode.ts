import type { Mode } from './record';

/** The kill switch's values (the SSM parameter `/<prefix>/mode`). */
export const KILL_SWITCH_MODES = ['enforce', 'dry-run', 'off'] as const;
export type KillSwitchMode = (typeof KILL_SWITCH_MODES)[number];

/**
 * What reading the kill switch gave, before anything is made of it: a value it knows, one it
 * does not, no answer at all, or no switch (the local dry run, which only plans).
 */
export type KillSwitchReading =
  | { readonly state: KillSwitchMode; readonly parameter: string }
  | { readonly state: 'invalid'; readonly parameter: string; readonly value: string | undefined }
  | { readonly state: 'unreadable'; readonly parameter: string; readonly error: string }
  | { readonly state: 'local' };

/** The mode an invocation runs in, decided once from what was asked and the kill switch. */
export interface ModeDecision {
  readonly mode: Mode;
  /**
   * Whether escalations are published: in every mode, the kill switch stops changes, never pages;
   * only a person's own dry run ("what would you do?") publishes nothing.
   */
  readonly publish: boolean;
  /** Set where the kill switch forced a dry run: why, for the record. */
  readonly dryRunReason?: string;
  /** Set where the kill switch stops every mutation: plans are made, each refused, and people told. */
  readonly halt?: { readonly reason: string };
}
