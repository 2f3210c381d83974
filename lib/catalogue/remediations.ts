import type { ResourceType } from './resource-types';
import type { TargetType } from './target-types';

/**
 * The responder families: a responder is deployed per system and family, and holds only the
 * clients and IAM permissions of its family (plus escalation, which every responder can do). The
 * escalation family has no remediation: its responder handles the alerts that only escalate.
 */
export const RESPONDER_FAMILIES = [
  'lambda',
  'dynamodb',
  'ecs',
  'appRunner',
  'rds',
  'elastiCache',
  'cloudFront',
  'waf',
  'escalation',
] as const;
export type ResponderFamily = (typeof RESPONDER_FAMILIES)[number];

/** An IAM grant a remediation needs: mutating actions always on the acted-on resource, never on `*`. */
export interface PermissionSpec {
  readonly actions: readonly string[];
  /**
   * The resource type the actions act on, as the Service Authorization Reference names it; the
   * CDK app grants them on the ARNs of that type derived from each acted-on target. `*`: actions
   * AWS cannot scope (read-only only).
   */
  readonly on: ResourceType | '*';
  /**
   * A prop of the acted-on target that the calls name: the Lambda alias. A target without it gets
   * no grant of these actions (its plan refuses, or takes a path without them, before any call).
   * @default - granted on every target of the remediation
   */
  readonly requires?: 'alias';
}

export interface RemediationSpec {
  readonly family: ResponderFamily;
  /** Which target type the remediation acts on. */
  readonly acts: TargetType;
  /** Disruptive or hard to undo: plan only unless the configuration enables it for the target. */
  readonly guarded: boolean;
  /** Whether a person can undo an applied action (its implementation then has an `undo`). */
  readonly reversible: boolean;
  readonly summary: string;
  readonly permissions: readonly PermissionSpec[];
  /**
   * The actions `apply` calls, each declared in `permissions`: all an approved apply's scoped
   * session allows (lambdas/pipeline/session-policy.ts), on the ARNs `permissions` declares for it.
   */
  readonly applies: readonly string[];
}

/**
 * What every responder does when an alert has no remediation (an empty list in the catalogue) or
 * none of its remediations applies: hand the alert to people with diagnostics. Not a remediation:
 * it changes nothing, and it is no candidate to try.
 */
export const ESCALATION = {
  /** How docs and alarm descriptions name it. */
  name: 'escalate',
  family: 'escalation',
  summary: 'Gather diagnostics (recent log events, metric values) and hand the alert to people',
} as const satisfies { readonly name: string; readonly family: ResponderFamily; readonly summary: string };

/**
 * Every remediation of ALERTS.md. The registry of implementations in lambdas/ is keyed by this
 * union, so a remediation without an implementation does not compile.
 */
export const REMEDIATIONS = {
  'raise-provisioned-concurrency': {
    family: 'lambda',
    acts: 'lambda',
    guarded: false,
    reversible: true,
    summary: 'Raise provisioned concurrency on the alias by a step, within reserved concurrency, account limits and the cap',
    // Without an alias the plan refuses (never $LATEST): such a target gets none of these.
    applies: ['lambda:PutProvisionedConcurrencyConfig'],
    permissions: [
      // Provisioned concurrency is configured on a qualifier: the configured alias, `function:NAME:ALIAS`.
      { actions: ['lambda:GetProvisionedConcurrencyConfig', 'lambda:PutProvisionedConcurrencyConfig'], on: 'lambda:function alias', requires: 'alias' },
      // Undo of a raise from none: a configuration cannot hold 0, it is deleted.
      { actions: ['lambda:DeleteProvisionedConcurrencyConfig'], on: 'lambda:function alias', requires: 'alias' },
      { actions: ['lambda:GetFunctionConcurrency', 'lambda:GetAlias'], on: 'lambda:function', requires: 'alias' },
      { actions: ['lambda:GetAccountSettings'], on: '*', requires: 'alias' },
    ],
  },
  'raise-reserved-concurrency': {
    family: 'lambda',
    acts: 'lambda',
    guarded: false,
    reversible: true,
    summary: 'Raise an existing reserved concurrency by a step, within account limits and the cap',
    applies: ['lambda:PutFunctionConcurrency'],
    permissions: [
      { actions: ['lambda:GetFunctionConcurrency', 'lambda:PutFunctionConcurrency'], on: 'lambda:function' },
      { actions: ['lambda:GetAccountSettings'], on: '*' },
    ],
  },
  'double-lambda-memory': {
    family: 'lambda',
    acts: 'lambda',
    guarded: false,
    reversible: true,
    summary: 'Double the memory size, capped (at most 10240 MB); for an alias on a published version, through a new version of the same code',
    // Through an alias: update, wait for it (reading $LATEST), publish, point the alias.
    applies: ['lambda:UpdateFunctionConfiguration', 'lambda:GetFunctionConfiguration', 'lambda:PublishVersion', 'lambda:UpdateAlias'],
    permissions: [
      { actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'], on: 'lambda:function' },
      // An alias on a published version only sees the new value through a new version. GetAlias and
      // UpdateAlias name the alias in the request, but Lambda authorizes them on the function.
      { actions: ['lambda:GetAlias', 'lambda:PublishVersion', 'lambda:UpdateAlias'], on: 'lambda:function', requires: 'alias' },
      // The configuration of the version the alias serves, read through the alias (`NAME:ALIAS`).
      { actions: ['lambda:GetFunctionConfiguration'], on: 'lambda:function alias', requires: 'alias' },
    ],
  },
  'double-lambda-timeout': {
    family: 'lambda',
    acts: 'lambda',
    guarded: false,
    reversible: true,
    summary: 'Double the timeout, capped (at most 900 s); for an alias on a published version, through a new version of the same code',
    // Through an alias: update, wait for it (reading $LATEST), publish, point the alias.
    applies: ['lambda:UpdateFunctionConfiguration', 'lambda:GetFunctionConfiguration', 'lambda:PublishVersion', 'lambda:UpdateAlias'],
    permissions: [
      { actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'], on: 'lambda:function' },
      // An alias on a published version only sees the new value through a new version. GetAlias and
      // UpdateAlias name the alias in the request, but Lambda authorizes them on the function.
      { actions: ['lambda:GetAlias', 'lambda:PublishVersion', 'lambda:UpdateAlias'], on: 'lambda:function', requires: 'alias' },
      // The configuration of the version the alias serves, read through the alias (`NAME:ALIAS`).
      { actions: ['lambda:GetFunctionConfiguration'], on: 'lambda:function alias', requires: 'alias' },
    ],
  },
  'rollback-lambda-alias': {
    family: 'lambda',
    acts: 'lambda',
    guarded: true,
    reversible: true,
    summary: 'Point the alias back at the previous version if it moved within the rollback window',
    applies: ['lambda:UpdateAlias'],
    permissions: [
      // Without an alias there is nothing to roll back (the plan refuses): no grant.
      { actions: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:ListVersionsByFunction'], on: 'lambda:function', requires: 'alias' },
    ],
  },
  'switch-dynamodb-on-demand': {
    family: 'dynamodb',
    acts: 'dynamodb',
    guarded: false,
    reversible: true,
    summary: 'Switch the table to on-demand (PAY_PER_REQUEST), within the billing-mode switch budget',
    applies: ['dynamodb:UpdateTable'],
    permissions: [{ actions: ['dynamodb:DescribeTable', 'dynamodb:UpdateTable'], on: 'dynamodb:table' }],
  },
  'redeploy-ecs-service': {
    family: 'ecs',
    acts: 'ecs',
    guarded: false,
    reversible: false,
    summary: 'Force a new deployment of the ECS service (not under CODE_DEPLOY or EXTERNAL controllers)',
    applies: ['ecs:UpdateService'],
    permissions: [{ actions: ['ecs:DescribeServices', 'ecs:UpdateService'], on: 'ecs:service' }],
  },
  'scale-out-ecs-service': {
    family: 'ecs',
    acts: 'ecs',
    guarded: false,
    reversible: true,
    summary: 'Raise the ECS service desired count by one, up to the cap',
    applies: ['ecs:UpdateService'],
    permissions: [{ actions: ['ecs:DescribeServices', 'ecs:UpdateService'], on: 'ecs:service' }],
  },
  'redeploy-apprunner-service': {
    family: 'appRunner',
    acts: 'appRunner',
    guarded: false,
    reversible: false,
    summary: 'Start a new App Runner deployment of the service',
    applies: ['apprunner:StartDeployment'],
    permissions: [{ actions: ['apprunner:DescribeService', 'apprunner:StartDeployment'], on: 'apprunner:service' }],
  },
  'raise-apprunner-max-size': {
    family: 'appRunner',
    acts: 'appRunner',
    guarded: false,
    reversible: true,
    summary: "Raise the maximum size of the service's auto-scaling configuration by a step, up to the cap",
    applies: ['apprunner:CreateAutoScalingConfiguration', 'apprunner:UpdateService'],
    permissions: [
      { actions: ['apprunner:DescribeService', 'apprunner:UpdateService'], on: 'apprunner:service' },
      // A new revision's ARN ends in a generated id: configurations can only be granted by pattern.
      { actions: ['apprunner:DescribeAutoScalingConfiguration', 'apprunner:CreateAutoScalingConfiguration'], on: 'apprunner:autoscalingconfiguration' },
    ],
  },
  'reboot-rds-instance': {
    family: 'rds',
    acts: 'rds',
    guarded: true,
    reversible: false,
    summary: 'Reboot the DB instance after gathering diagnostics',
    applies: ['rds:RebootDBInstance'],
    permissions: [{ actions: ['rds:DescribeDBInstances', 'rds:RebootDBInstance'], on: 'rds:db' }],
  },
  'reboot-elasticache-cluster': {
    family: 'elastiCache',
    acts: 'elastiCache',
    guarded: true,
    reversible: false,
    summary: 'Reboot every node of the cache cluster',
    applies: ['elasticache:RebootCacheCluster'],
    permissions: [{ actions: ['elasticache:DescribeCacheClusters', 'elasticache:RebootCacheCluster'], on: 'elasticache:cluster' }],
  },
  'invalidate-cloudfront': {
    family: 'cloudFront',
    acts: 'cloudFront',
    guarded: false,
    reversible: false,
    summary: 'Invalidate /* on the distribution',
    applies: ['cloudfront:CreateInvalidation'],
    permissions: [{ actions: ['cloudfront:GetDistribution', 'cloudfront:CreateInvalidation'], on: 'cloudfront:distribution' }],
  },
  'block-source-ips': {
    family: 'waf',
    acts: 'logGroup',
    guarded: true,
    reversible: true,
    summary: "Add the top sources of the failing requests (the events the alert's filter pattern matches, over the alarm's window) to the WAF IP set, never an allowed range",
    // Also reads the alarm (cloudwatch:DescribeAlarms, granted to every responder) and the Route 53
    // health checkers' ranges (GetCheckerIpRanges, which Route 53 does not authorize: no permission).
    // UpdateIPSet replaces the whole list and needs the current LockToken: apply reads it first.
    applies: ['wafv2:GetIPSet', 'wafv2:UpdateIPSet'],
    permissions: [
      { actions: ['wafv2:GetIPSet', 'wafv2:UpdateIPSet'], on: 'wafv2:ipset' },
      { actions: ['logs:FilterLogEvents'], on: 'logs:log-group' },
    ],
  },
} as const satisfies Record<string, RemediationSpec>;

export type RemediationId = keyof typeof REMEDIATIONS;
export const REMEDIATION_IDS = Object.keys(REMEDIATIONS) as RemediationId[];

export function isRemediationId(value: string): value is RemediationId {
  return Object.prototype.hasOwnProperty.call(REMEDIATIONS, value);
}

export function remediationSpec(id: RemediationId): RemediationSpec {
  return REMEDIATIONS[id];
}
