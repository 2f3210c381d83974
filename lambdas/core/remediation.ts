import type { REMEDIATIONS, RemediationId, ResponderFamily, Target, TargetType } from '../../lib/catalogue';
import type { Incident } from './alarm';
import type { Undo } from './applied-action';
import type { AwsCallRecord } from './record';
import type { State } from './state';

export type { AwsCallRecord } from './record';
export type { State, StateValue } from './state';

/** What a remediation is given: the incident, the resource to act on, the clock and the call list. */
export interface RemediationContext<T extends TargetType = TargetType> extends Incident {
  readonly target: Target<T>;
  readonly now: () => Date;
  /** Every AWS call goes through `calls` so the record lists it (see lambdas/runtime/aws-call.ts). */
  readonly calls: AwsCallRecord[];
}

/** The outcome of `plan`: a change to make, or no change and why. */
export type Plan =
  | {
      readonly kind: 'change';
      readonly remediation: RemediationId;
      /** The resource acted on, e.g. `create_goal-prod:live` or a table ARN. */
      readonly resource: string;
      readonly summary: string;
      readonly before: State;
      readonly after: State;
      /** Everything `apply` needs, so apply never re-decides. */
      readonly params: State;
    }
  | {
      readonly kind: 'no-op';
      readonly remediation: RemediationId;
      readonly resource: string;
      readonly reason: string;
      readonly before: State;
      /** True when the remediation does not fit this situation and the next candidate should be tried. */
      readonly notApplicable?: boolean;
    };

export type ChangePlan = Extract<Plan, { kind: 'change' }>;

export interface ApplyResult {
  /** State read back after the change, or the state the change requested where AWS applies it later. */
  readonly after: State;
  readonly summary: string;
}

/**
 * A remediation: `plan` only reads, `apply` only executes a plan. The dry run is the plan.
 * Guardrails (caps from configuration, cooldowns, kill switch) run between the two, elsewhere.
 */
export interface Remediation<T extends TargetType = TargetType> {
  readonly id: RemediationId;
  readonly targetType: T;
  plan(ctx: RemediationContext<T>): Promise<Plan>;
  apply(plan: ChangePlan, ctx: RemediationContext<T>): Promise<ApplyResult>;
  /** Puts back what `apply` changed; undefined where the action cannot be reverted (a reboot, a redeploy). */
  readonly undo?: Undo<T>;
}

/** A remediation of any target type, as registries and responders hold them. */
export type AnyRemediation = { [T in TargetType]: Remediation<T> }[TargetType];

/** The remediations of one responder family, keyed so that a missing one does not compile. */
export type FamilyRemediations<F extends ResponderFamily> = {
  readonly [R in RemediationId as (typeof REMEDIATIONS)[R]['family'] extends F ? R : never]: AnyRemediation;
};
