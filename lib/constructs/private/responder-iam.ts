import { ArnFormat, type Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { CONTEXT_COMMON_READS, CONTEXT_READS, REMEDIATIONS, type PermissionSpec, type Target } from '../../catalogue';
import type { PlannedResponder } from '../../deployment';
import { alarmArns, logGroupArns, mayMutateThroughWildcard, targetArns } from './responder-arns';

/**
 * Reads every responder makes that IAM cannot scope: GetMetricData (breach confirmation and
 * diagnostics) has no resource type in the Service Authorization Reference (list_amazoncloudwatch).
 */
export const COMMON_UNSCOPED_READS = ['cloudwatch:GetMetricData'] as const;

/** Reads, by the verb IAM names them with; everything else counts as mutating. */
export function isReadOnly(action: string): boolean {
  const verb = action.slice(action.indexOf(':') + 1);
  return /^(Get|Describe|List|Lookup|Filter|Search)/.test(verb);
}

/** Actions that may be granted on `*`: reads only. Anything else on `*` is refused at synth. */
export function mayGrantOnAnyResource(action: string): boolean {
  return isReadOnly(action);
}

/**
 * The context reads (lib/catalogue/context-reads.ts) of a responder that acts: those of each target
 * type its remediations act on, on those targets, and the common ones. Reads only: a context read
 * that is not read-only fails synth.
 */
export function contextGrants(responder: Pick<PlannedResponder, 'grants'>): Array<readonly [string, readonly PermissionSpec[], readonly Target[]]> {
  const acted = uniqueTargets([...responder.grants.values()].flat());
  if (acted.length === 0) return [];
  const out: Array<readonly [string, readonly PermissionSpec[], readonly Target[]]> = [];
  for (const type of new Set(acted.map((t) => t.type))) {
    const reads = CONTEXT_READS[type] ?? [];
    out.push([`Context reads of ${type}`, reads, acted.filter((t) => t.type === type)] as const);
  }
  out.push(['Common context reads', CONTEXT_COMMON_READS, acted.slice(0, 1)] as const);
  for (const [owner, reads] of out) {
    const mutating = reads.flatMap((r) => r.actions).filter((a) => !isReadOnly(a));
    if (mutating.length > 0) throw new Error(`${owner} include ${mutating.join(', ')}, which are not read-only: a context read never changes anything.`);
  }
  return out;
}

const uniqueTargets = (targets: readonly Target[]) => [...new Map(targets.map((t) => [`${t.system}\t${t.key}`, t])).values()];

/** The targets a permission is granted on: those that configure what its calls name (`requires`). */
function targetsOf(permission: PermissionSpec, targets: readonly Target[]): readonly Target[] {
  if (permission.requires === undefined) return targets;
  return targets.filter((t) => t.type === 'lambda' && t.props.alias !== undefined);
}

export interface ResponderPolicyInput {
  readonly responder: PlannedResponder;
  readonly stack: Stack;
  /** Where the configuration's resources are. */
  readonly region: string;
  readonly prefix: string;
  readonly escalationTopicArn: string;
  readonly topicKeyArn: string;
  readonly remediationLogGroupArn: string;
  readonly stateTableArn: string;
  readonly verifyQueueArn: string;
}

export interface ResponderPolicy {
  readonly statements: readonly iam.PolicyStatement[];
  /** The actions granted on `*`, for the cdk-nag acknowledgment. */
  readonly unscopedActions: readonly string[];
}

/** Whose permissions (for errors), the permissions, and the targets they are granted on. */
type GrantEntry = readonly [string, readonly PermissionSpec[], readonly Target[]];

/** Scoped grants keyed by action and resource type, and the actions granted on `*`. */
interface Grants {
  readonly scoped: Map<string, Set<string>>;
  readonly unscoped: Set<string>;
  readonly grant: (actions: readonly string[], resources: readonly string[], on?: string) => void;
}

/**
 * The entries' actions on the ARNs of the targets each is granted on. Refuses a mutating action on
 * a wildcard ARN (but where the resource type allows it) or on `*`.
 */
function grantsOf(entries: readonly GrantEntry[], stack: Stack, region: string): Grants {
  const scoped = new Map<string, Set<string>>();
  const unscoped = new Set<string>();
  // Keyed by action and resource type: an action granted on two types (a function and its
  // versions) stays in two statements, each merged with the actions on the same ARNs, rather than
  // one statement whose resources no other action shares.
  const grant = (actions: readonly string[], resources: readonly string[], on = '') => {
    for (const action of actions) {
      if (resources.length === 0) continue;
      const key = `${action}\t${on}`;
      const set = scoped.get(key) ?? new Set<string>();
      resources.forEach((r) => set.add(r));
      scoped.set(key, set);
    }
  };
  for (const [owner, permissions, targets] of entries) {
    for (const permission of permissions) {
      const { on } = permission;
      const granted = targetsOf(permission, targets);
      if (granted.length === 0) continue;
      if (on !== '*') {
        for (const action of permission.actions) {
          const arns = granted.flatMap((t) => targetArns(t, action, on, stack, region));
          if (!isReadOnly(action) && !mayMutateThroughWildcard(on) && arns.some((a) => a.includes('*'))) {
            throw new Error(`${owner} would grant the mutating ${action} on a wildcard ARN of ${on}: grant it on the configured resources only.`);
          }
          grant([action], arns, on);
        }
        continue;
      }
      for (const action of permission.actions) {
        if (!mayGrantOnAnyResource(action)) {
          throw new Error(`${owner} asks for ${action} on "*": only read-only actions may be unscoped. Scope it to its targets in the catalogue.`);
        }
        unscoped.add(action);
      }
    }
  }
  return { scoped, unscoped, grant };
}

/** Actions that share the same resources merged into one statement, to keep the policy small; the unscoped reads last. */
function statementsOf(scoped: ReadonlyMap<string, ReadonlySet<string>>, unscoped: ReadonlySet<string>): ResponderPolicy {
  const groups = new Map<string, { actions: string[]; resources: string[] }>();
  for (const [key, resources] of scoped) {
    const action = key.slice(0, key.indexOf('\t'));
    const sorted = [...resources].sort();
    const resourcesKey = sorted.join('\n');
    const group = groups.get(resourcesKey) ?? { actions: [], resources: sorted };
    if (!group.actions.includes(action)) group.actions.push(action);
    groups.set(resourcesKey, group);
  }
  const statements = [...groups.values()].map((g) => new iam.PolicyStatement({ actions: g.actions.sort(), resources: g.resources }));
  const unscopedActions = [...unscoped].sort();
  if (unscopedActions.length > 0) statements.push(new iam.PolicyStatement({ actions: unscopedActions, resources: ['*'] }));
  return { statements, unscopedActions };
}

/**
 * The responder's statements, derived from the catalogue: each remediation's actions on the ARNs
 * of the targets the plan grants it, plus what every responder needs (escalate, write the
 * remediation record, read diagnostics and the mode switch). Actions that share the same
 * resources are merged into one statement to keep the inline policy small.
 */
export function responderPolicy(input: ResponderPolicyInput): ResponderPolicy {
  const { responder, stack, region } = input;
  const entries: GrantEntry[] = [...responder.grants].map(([remediation, targets]) => [`Remediation "${remediation}"`, REMEDIATIONS[remediation].permissions, targets] as const);
  entries.push(...contextGrants(responder));
  const { scoped, unscoped, grant } = grantsOf(entries, stack, region);
  COMMON_UNSCOPED_READS.forEach((a) => unscoped.add(a));

  grant(['sns:Publish'], [input.escalationTopicArn]);
  // The escalation topic is encrypted: publishing needs a data key from the topic's key.
  grant(['kms:GenerateDataKey', 'kms:Decrypt'], [input.topicKeyArn]);
  grant(['logs:CreateLogStream', 'logs:PutLogEvents'], [input.remediationLogGroupArn]);
  // Every alarm is read back before any action: only this responder's own.
  grant(['cloudwatch:DescribeAlarms'], alarmArns(responder, stack, region));
  // BatchGetItem: the ladder reads a run's histories (recurrence brake, fix score) in one request.
  grant(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], [input.stateTableArn]);
  grant(['sqs:SendMessage'], [input.verifyQueueArn]);
  grant(['logs:FilterLogEvents'], responder.diagnosticLogGroups.flatMap((name) => logGroupArns(name, stack, region)));
  grant(['ssm:GetParameter'], [stack.formatArn({ service: 'ssm', region, resource: 'parameter', resourceName: `${input.prefix}/mode`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME })]);

  return statementsOf(scoped, unscoped);
}

/**
 * The responder's action role's statements: only the actions each remediation's `apply` calls
 * (the catalogue's `applies`), on the same ARNs the responder is granted them. An approved apply
 * assumes it with a session policy for one plan; the session may do what both allow.
 */
export function actionRolePolicy(responder: PlannedResponder, stack: Stack, region: string): ResponderPolicy {
  const entries: GrantEntry[] = [...responder.grants].map(([remediation, targets]) => {
    const applies: readonly string[] = REMEDIATIONS[remediation].applies;
    const permissions = REMEDIATIONS[remediation].permissions.map((p) => ({ ...p, actions: p.actions.filter((a) => applies.includes(a)) })).filter((p) => p.actions.length > 0);
    return [`Remediation "${remediation}"`, permissions, targets] as const;
  });
  const { scoped, unscoped } = grantsOf(entries, stack, region);
  return statementsOf(scoped, unscoped);
}

