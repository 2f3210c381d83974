// jest loads the matchers at run time (setupFilesAfterEnv); this import gives tsc their types.
import 'aws-sdk-client-mock-jest';
import { DEFAULT_CAPS, type Caps, type RemediationId, type Target, type TargetProps, type TargetType } from '../../../lib/catalogue';
import type { ChangePlan, NoOpPlan, Plan, RemediationContext } from '../../../lambdas/core/remediation';

/** The fixed "now" of every remediation test: 2026-03-01 12:00 UTC. */
export const NOW = new Date('2026-03-01T12:00:00.000Z');

export interface TargetOverrides<T extends TargetType> {
  readonly props?: Partial<TargetProps<T>>;
  readonly caps?: Partial<Caps>;
  readonly guarded?: readonly RemediationId[];
}

/** rung's API function `rung-api-prod` with alias `prod` and the default caps. */
export function lambdaTarget(overrides: TargetOverrides<'lambda'> = {}): Target<'lambda'> {
  return {
    type: 'lambda',
    key: 'rung-api-prod',
    system: 'rung',
    props: { name: 'rung-api-prod', alias: 'prod', ...overrides.props },
    caps: { ...DEFAULT_CAPS, ...overrides.caps },
    guarded: overrides.guarded ?? [],
  };
}

/** A context for `target`: a high-latency alarm on rung that fired five minutes before NOW. */
export function context<T extends TargetType>(
  target: Target<T>,
  overrides: Partial<Omit<RemediationContext<T>, 'target'>> = {},
): RemediationContext<T> {
  const fired = new Date(NOW.getTime() - 5 * 60_000);
  return {
    target,
    alarm: {
      name: `rung-high-latency-${target.key}`,
      arn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:rung-high-latency-${target.key}`,
      state: 'ALARM',
      reason: 'Threshold Crossed',
      stateChangeTime: fired,
      stateChangeTimeRaw: fired.toISOString(),
      region: 'us-east-1',
      account: '123456789012',
      metrics: [],
    },
    kind: 'high-latency',
    region: 'us-east-1',
    account: '123456789012',
    windowSeconds: 600,
    now: () => NOW,
    calls: [],
    ...overrides,
  };
}

/** Narrows a plan to a change, failing the test with the no-op reason otherwise. */
export function expectChange<P>(plan: Plan<P>): ChangePlan<P> {
  if (plan.kind !== 'change') throw new Error(`expected a change plan, got a no-op: ${plan.reason}`);
  return plan;
}

/** Narrows a plan to a no-op, failing the test with the change summary otherwise. */
export function expectNoOp<P>(plan: Plan<P>): NoOpPlan {
  if (plan.kind !== 'no-op') throw new Error(`expected a no-op plan, got a change: ${plan.summary}`);
  return plan;
}

/** An error shaped as the SDK throws it: what awsCall and the remediations look at is the name. */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}
