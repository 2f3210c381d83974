import type { PermissionSpec } from './remediations';
import type { TargetType } from './target-types';

/** The `context` section's defaults (lib/config/schema.ts), also what a responder assumes when its environment names none. */
export const DEFAULT_CONTEXT_SETTINGS = {
  /** Every context read of a notification shares this budget; past it, the decision goes ahead on the alarm alone. */
  budgetMs: 2000,
  recentChangesMinutes: 60,
  /** A revert of a recent change applies on its own only where this is true; otherwise it is at most proposed. */
  allowRevert: false,
  /** The re-check of an action held for a deployment: SQS delays a message at most 15 minutes. */
  deploymentRecheckMinutes: 15,
} as const;

/** A read-only grant a context read needs; the CDK app grants it like a remediation's permission. */
export interface ContextPermissionSpec extends PermissionSpec {
  /** Why the read is made, for the docs and reviews. */
  readonly why: string;
}

/**
 * The reads of what surrounds a target before acting (lambdas/context), by the target type acted
 * on: only reads, each on the target's own ARN where AWS can scope it. A responder gets those of
 * the target types its remediations act on, and CONTEXT_COMMON_READS.
 */
export const CONTEXT_READS: { readonly [T in TargetType]?: readonly ContextPermissionSpec[] } = {
  lambda: [
    { actions: ['lambda:ListTags'], on: 'lambda:function', why: 'the owning stack, from the aws:cloudformation:* tags' },
    { actions: ['lambda:GetAlias'], on: 'lambda:function', requires: 'alias', why: 'a traffic shift in progress (AdditionalVersionWeights)' },
  ],
  ecs: [{ actions: ['ecs:DescribeServices'], on: 'ecs:service', why: 'a rollout in progress, and the owning stack from the tags (include TAGS)' }],
  dynamodb: [{ actions: ['dynamodb:ListTagsOfResource'], on: 'dynamodb:table', why: 'the owning stack, from the aws:cloudformation:* tags' }],
};

/**
 * Reads every acting responder makes, whatever it acts on: the owning stack's status (its name is
 * known only from the target's tags at run time, so any stack of the account and region: a read)
 * and CloudTrail's event history (LookupEvents has no resource type).
 */
export const CONTEXT_COMMON_READS: readonly ContextPermissionSpec[] = [
  { actions: ['cloudformation:DescribeStacks'], on: 'cloudformation:stack', why: 'whether the owning stack is deploying (*_IN_PROGRESS)' },
  { actions: ['cloudtrail:LookupEvents'], on: '*', why: 'the management changes made to the target recently' },
];
