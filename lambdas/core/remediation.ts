import type { REMEDIATIONS, RemediationId, ResponderFamily, Target, TargetType } from '../../lib/catalogue';
import type { Incident } from './alarm';
import type { Schema } from './params';
import type { AwsCallRecord } from './record';
import type { State } from './state';
import type { Undo } from './undo';

export type { AwsCallRecord } from './record';
export type { State, StateValue } from './state';

/** What a remediation is given: the incident, the resource to act on, the clock and the call list. */
export interface RemediationContext<T extends TargetType = TargetType> extends Incident {
  readonly target: Target<T>;
  readonly now: () => Date;
  /** Every AWS call goes through `calls` so the record lists it (see lambdas/runtime/aws-call.ts). */
  readonly calls: AwsCallRecord[];
}

/** A change to make: what `plan` decided, with everything `apply` needs in `params`. */
export interface ChangePlan<P = State> {
  readonly kind: 'change';
  readonly remediation: RemediationId;
  /** The resource acted on, e.g. `create_goal-prod:live` or a table ARN. */
  readonly resource: string;
  readonly summary: string;
  readonly before: State;
  readonly after: State;
  /** Everything `apply` needs, so apply never re-decides; recorded, so plain JSON. */
  readonly params: P;
  /**
   * The highest level this plan may run at, and why: a revert of a recent change is at most
   * `propose` unless the configuration allows it (issue 14). The ladder takes the lower of its
   * level and this one.
   */
  readonly atMost?: { readonly level: 'observe' | 'propose'; readonly why: string };
  /** A revert of a recent change: the params key it sets back, so an approval can plan the same revert again. */
  readonly reverts?: { readonly key: string };
}

/** No change, and why. */
export interface NoOpPlan {
  readonly kind: 'no-op';
  readonly remediation: RemediationId;
  readonly resource: string;
  readonly reason: string;
  readonly before: State;
  /** True when the remediation does not fit this situation and the next candidate should be tried. */
  readonly notApplicable?: boolean;
}

/** The outcome of `plan`: a change to make, or no change and why. */
export type Plan<P = State> = ChangePlan<P> | NoOpPlan;

export interface ApplyResult {
  /** State read back after the change, or the state the change requested where AWS applies it later. */
  readonly after: State;
  readonly summary: string;
}

/**
 * A remediation, self-described: `plan` only reads, `apply` only executes the plan's params,
 * checked by `params` first, so it gets them typed. The dry run is the plan. Guardrails (caps
 * from configuration, cooldowns, kill switch) run between the two, elsewhere.
 */
export interface Remediation<T extends TargetType = TargetType, P = State, R = unknown, U = State> {
  readonly id: RemediationId;
  /** The catalogue's `acts` for this id: the family index checks that they agree. */
  readonly targetType: T;
  /** What `apply` needs of the plan's params. */
  readonly params: Schema<P>;
  // NoInfer: the params schema alone decides P; plan and apply are checked against it.
  plan(ctx: RemediationContext<T>): Promise<Plan<NoInfer<P>>>;
  apply(params: NoInfer<P>, ctx: RemediationContext<T>): Promise<ApplyResult>;
  /** Puts back what `apply` changed: present exactly where the catalogue says `reversible`. */
  readonly undo?: Undo<T, R, U>;
}

/** A remediation of any target type and params, as registries and responders hold them. */
export type AnyRemediation = Remediation<TargetType, State, unknown, State>;

/** Declares a remediation with its types inferred from the descriptor: its target type, params and undo. */
export function defineRemediation<const T extends TargetType, P, R = unknown, U = State>(remediation: Remediation<T, P, R, U>): Remediation<T, P, R, U> {
  return remediation;
}

type Family<R extends RemediationId> = (typeof REMEDIATIONS)[R]['family'];

/**
 * The remediations of one responder family, keyed so that a missing one does not compile, each
 * acting on the target type the catalogue says.
 */
export type FamilyRemediations<F extends ResponderFamily> = {
  readonly [R in RemediationId as Family<R> extends F ? R : never]: AnyRemediation & { readonly targetType: (typeof REMEDIATIONS)[R]['acts'] };
};
