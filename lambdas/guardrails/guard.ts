import type { RemediationId, Severity, Target } from '../../lib/catalogue';
import type { ReasonCode } from '../core/record';
import type { ChangePlan } from '../core/remediation';
import type { ResponderSettings } from '../runtime/settings';
import type { LevelDecision } from './ladder';

/** The run asking to act: its record and when its invocation ends (the Lambda context's deadline). */
export interface GuardRun {
  readonly recordId: string;
  readonly deadline: Date;
}

export interface GuardInput {
  readonly plan: ChangePlan;
  /** The resource the plan changes (the alarm's target or one of its backends). */
  readonly resource: Target;
  readonly settings: ResponderSettings;
  readonly now: Date;
  readonly run: GuardRun;
  /** The alert's severity, for autonomy; undefined for an undo, which a person asked for. */
  readonly severity?: Severity;
  /** Whose cooldown the action takes: the remediation, or `undo:<remediation>` for an undo. */
  readonly cooldownKey: string;
  /** The level act.ts decided the plan at (the ladder's guard then does not decide again); absent, the ladder's guard decides. */
  readonly level?: LevelDecision;
}

/** A remediation a run may apply, and the resource it would change. */
export interface ActingOn {
  readonly remediation: RemediationId;
  readonly resource: Target;
}

/** The ladder for one run: its histories read at once as planning starts, each plan's level decided from them. */
export interface RunLadder {
  level(input: Omit<GuardInput, 'run' | 'cooldownKey' | 'level'>): Promise<LevelDecision>;
}

/**
 * Admitted: run apply, then call `done` with whether anything changed (a successful mutating
 * call, even of an apply that failed later). Refused: plan only, with the reason; `escalate`
 * says whether people must hear of it. A cooldown or a live lock held elsewhere means another
 * action on the resource already handles the incident (and its verification escalates if that
 * did not help), so those refusals need nobody; a refusal on policy (a level below auto,
 * breaker, loop protection, kill switch), an interrupted run or an unavailable state table
 * leaves the incident unhandled, so it escalates.
 */
export type Admission =
  | { readonly ok: true; readonly done: (changed: boolean) => Promise<void> }
  | {
      readonly ok: false;
      readonly code: ReasonCode;
      readonly reason: string;
      readonly escalate: boolean;
      /** Gives back what other guards took for this refused action: made with the run's last writes, so it costs no round trip of its own. */
      readonly release?: () => Promise<void>;
    };

type Refusal = Extract<Admission, { ok: false }>;

/** The refusal, also giving back what was taken (`dones`) when it is released. */
function releasing(refusal: Refusal, dones: ReadonlyArray<(changed: boolean) => Promise<void>>): Refusal {
  if (dones.length === 0) return refusal;
  const earlier = refusal.release;
  return { ...refusal, release: async () => void (await Promise.all([...dones.map((done) => done(false)), earlier?.()])) };
}

/** A guardrail between plan and apply. */
export interface Guard {
  /** Called as planning starts: a guard may read its state then, overlapping the plan's own calls. */
  prepare?(now: Date): void;
  /** The autonomy ladder of a run that may act on these pairs (the first guard of a composition that has one). */
  ladder?(acting: readonly ActingOn[]): RunLadder;
  admit(input: GuardInput): Promise<Admission>;
}

export const admitted: Admission = { ok: true, done: async () => undefined };

const prepareAll = (guards: readonly Guard[]) => (now: Date) => guards.forEach((g) => g.prepare?.(now));

/** The first ladder of the guards, where one has it. */
function firstLadder(guards: readonly Guard[]): Pick<Guard, 'ladder'> {
  const ladder = guards.map((g) => g.ladder?.bind(g)).find((l) => l !== undefined);
  return ladder ? { ladder } : {};
}

/** Runs guards in order; the first refusal wins, and releases the admissions already taken. */
export function allGuards(guards: readonly Guard[]): Guard {
  return {
    prepare: prepareAll(guards),
    ...firstLadder(guards),
    async admit(input) {
      const taken: Array<(changed: boolean) => Promise<void>> = [];
      for (const guard of guards) {
        const admission = await guard.admit(input);
        if (!admission.ok) return releasing(admission, taken);
        taken.push(admission.done);
      }
      return { ok: true, done: async (changed) => void (await Promise.all(taken.map((done) => done(changed)))) };
    },
  };
}

/**
 * Runs guards at once (their state-table writes in one round trip); if any refuses, the first
 * refusal in the given order is the answer, and it releases those that admitted.
 */
export function parallelGuards(guards: readonly Guard[]): Guard {
  return {
    prepare: prepareAll(guards),
    ...firstLadder(guards),
    async admit(input) {
      const admissions = await Promise.all(guards.map((g) => g.admit(input)));
      const refusal = admissions.find((a): a is Refusal => !a.ok);
      const dones = admissions.flatMap((a) => (a.ok ? [a.done] : []));
      if (refusal) return releasing(refusal, dones);
      return { ok: true, done: async (changed) => void (await Promise.all(dones.map((done) => done(changed)))) };
    },
  };
}
