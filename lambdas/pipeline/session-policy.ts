import { REMEDIATIONS, resourceArns, type FormatArn, type PermissionSpec, type RemediationSpec, type Target } from '../../lib/catalogue';
import type { ChangePlan } from '../core/remediation';

/** Where the ARNs of a session policy point: the deployment's account, partition and resources' region. */
export interface ArnSettings {
  readonly partition: string;
  readonly account: string;
  /** Where the configuration says the resources are (the deployment's region). */
  readonly region: string;
}

/** One statement of a session policy. */
export interface SessionStatement {
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/** An IAM policy document, as AssumeRole's `Policy` takes it (as JSON). */
export interface SessionPolicy {
  readonly Version: '2012-10-17';
  readonly Statement: readonly SessionStatement[];
}

/** The plan names a remediation the target's type does not take: a wiring error, never a guess. */
export class SessionPolicyError extends Error {
  override readonly name = 'SessionPolicyError';
}

/** Formats ARNs as the CDK app's `Stack.formatArn` does, with concrete values. */
export function arnFormat({ partition, account, region }: ArnSettings): FormatArn {
  return ({ service, resource, resourceName, separator, region: own }) => `arn:${partition}:${service}:${own ?? region}:${account}:${resource}${separator}${resourceName}`;
}

/** A permission applies to the target when it configures what the calls name (`requires`). */
const appliesTo = (permission: PermissionSpec, target: Target) => permission.requires === undefined || (target.type === 'lambda' && target.props.alias !== undefined);

/**
 * The session policy of an approved apply: the actions the plan's remediation's `apply` calls
 * (the catalogue's `applies`), each on the ARNs the catalogue's permissions derive for this one
 * target, exactly as the CDK app derives the action role's grants. Nothing else: what the
 * session may do is the intersection of this and the action role's policies (which hold every
 * remediation permission of the responder), so it may do only this plan's calls on this resource.
 * Pure: same plan, target and settings, same policy.
 */
export function sessionPolicyFor(plan: Pick<ChangePlan<unknown>, 'remediation'>, target: Target, settings: ArnSettings): SessionPolicy {
  const spec: RemediationSpec = REMEDIATIONS[plan.remediation];
  if (spec.acts !== target.type) {
    throw new SessionPolicyError(`${plan.remediation} acts on ${spec.acts} targets, but was given the ${target.type} target "${target.key}"`);
  }
  const format = arnFormat(settings);
  // Keyed by the sorted resources, so actions on the same ARNs share one statement (the 2,048-character limit).
  const byResources = new Map<string, { actions: Set<string>; resources: string[] }>();
  for (const action of spec.applies) {
    const resources = new Set<string>();
    for (const permission of spec.permissions) {
      if (!permission.actions.includes(action) || !appliesTo(permission, target)) continue;
      if (permission.on === '*') resources.add('*');
      else resourceArns(target, action, permission.on, format).forEach((arn) => resources.add(arn));
    }
    if (resources.size === 0) continue;
    const sorted = [...resources].sort();
    const key = sorted.join('\n');
    const group = byResources.get(key) ?? { actions: new Set<string>(), resources: sorted };
    group.actions.add(action);
    byResources.set(key, group);
  }
  if (byResources.size === 0) throw new SessionPolicyError(`${plan.remediation} grants none of its apply's actions on the target "${target.key}": nothing to apply`);
  const Statement = [...byResources.values()].map((g): SessionStatement => ({ Effect: 'Allow', Action: [...g.actions].sort(), Resource: g.resources }));
  return { Version: '2012-10-17', Statement };
}
