import type { AlertKindId, RemediationId, Target, TargetType } from '../../lib/catalogue';
import type { Undo } from './undo-types';

/** One AWS API call a remediation made, as the result record lists it. */
export interface AwsCallRecord {
  readonly service: string;
  readonly operation: string;
  readonly mutating: boolean;
  readonly ok: boolean;
  readonly attempts: number;
  readonly error?: string;
}

/** What a remediation knows of the alarm that triggered it. */
export interface AlarmContext {
  readonly name: string;
  readonly arn?: string;
  readonly kind: AlertKindId;
  /** The region of the resources acted on (the responder's own), not necessarily the alarm's. */
  readonly region: string;
  readonly account?: string;
  /** When the alarm changed state (the start of the incident window). */
  readonly stateChangeTime: Date;
  /** Evaluation window of the alarm, for log queries over the same period. */
  readonly windowSeconds: number;
}

export interface RemediationContext<T extends TargetType = TargetType> {
  readonly target: Target<T>;
  readonly alarm: AlarmContext;
  readonly now: () => Date;
  /** Every AWS call goes through `calls` so the record lists it (see lambdas/shared/aws-call.ts). */
  readonly calls: AwsCallRecord[];
}

/** Plain JSON values only: plans are recorded, returned by dry runs and replayed by undo. */
export type StateValue = string | number | boolean | null | readonly StateValue[] | { readonly [k: string]: StateValue };
export type State = { readonly [k: string]: StateValue };

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
