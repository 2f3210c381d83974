import { REMEDIATIONS, type Target } from '../../lib/catalogue';
import type { Alarm } from '../core/alarm';
import type { ReasonCode } from '../core/record';
import type { ChangePlan } from '../core/remediation';
import type { ResolvedAlarm } from '../core/resolved';
import type { ResponderSettings } from '../runtime/settings';

export interface GuardInput {
  readonly plan: ChangePlan;
  readonly resolved: ResolvedAlarm;
  /** The resource the plan changes (the alarm's target or one of its backends). */
  readonly resource: Target;
  readonly alarm: Alarm;
  readonly settings: ResponderSettings;
  readonly now: Date;
}

/**
 * Admitted: run apply, then call `done`. Refused: plan only, with the reason; `escalate` says
 * whether people must hear of it. A cooldown or a lock held elsewhere means another action on
 * the resource already handles the incident (and its verification escalates if that did not
 * help), so those refusals need nobody; a refusal on policy (guarded, autonomy, breaker, loop
 * protection, kill switch) leaves the incident unhandled, so it escalates.
 */
export type Admission =
  | { readonly ok: true; readonly done: (applied: boolean) => Promise<void> }
  | { readonly ok: false; readonly code: ReasonCode; readonly reason: string; readonly escalate: boolean };

/** A guardrail between plan and apply. */
export interface Guard {
  admit(input: GuardInput): Promise<Admission>;
}

const admitted: Admission = { ok: true, done: async () => undefined };

/** Guarded actions run only where the configuration enables them for that resource. */
export const guardedActionGuard: Guard = {
  async admit({ plan, resource }) {
    if (!REMEDIATIONS[plan.remediation].guarded || resource.guarded.includes(plan.remediation)) return admitted;
    return { ok: false, code: 'guarded', escalate: true, reason: `${plan.remediation} is a guarded action not enabled for ${resource.type} "${resource.key}" (set "guarded" on the resource to allow it)` };
  },
};

/** Autonomy by severity: severities outside `autonomousSeverities` never mutate. */
export const autonomyGuard: Guard = {
  async admit({ resolved, settings }) {
    if (settings.guardrails.autonomousSeverities.includes(resolved.kind.severity)) return admitted;
    return { ok: false, code: 'autonomy', escalate: true, reason: `${resolved.kind.severity} alerts do not act automatically (autonomousSeverities: ${settings.guardrails.autonomousSeverities.join(', ') || 'none'})` };
  },
};

/** Runs guards in order; the first refusal wins, and admissions already taken are released. */
export function allGuards(guards: readonly Guard[]): Guard {
  return {
    async admit(input) {
      const taken: Array<(applied: boolean) => Promise<void>> = [];
      for (const guard of guards) {
        const admission = await guard.admit(input);
        if (!admission.ok) {
          await Promise.all(taken.map((done) => done(false)));
          return admission;
        }
        taken.push(admission.done);
      }
      return { ok: true, done: async (applied) => void (await Promise.all(taken.map((done) => done(applied)))) };
    },
  };
}
