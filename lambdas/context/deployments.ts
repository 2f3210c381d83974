import type { Target } from '../../lib/catalogue';
import type { DeploymentInProgress } from '../core/context';
import type { ContextBudget } from './budget';
import type { Owner } from './ownership';
import { describeStack, ecsService, lambdaAlias } from './reads';

const iso = (d: Date | undefined) => (d === undefined ? undefined : d.toISOString());

/**
 * The owning stack, when CloudFormation is changing it: any `*_IN_PROGRESS` status (create,
 * update, rollback, their cleanup; StackStatus in
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html).
 */
export async function stackDeploying(resource: Target, owner: Owner, budget: ContextBudget): Promise<DeploymentInProgress | undefined> {
  const stack = await describeStack(budget, owner.stack);
  const status = stack?.StackStatus;
  if (status === undefined || !status.endsWith('_IN_PROGRESS')) return undefined;
  return {
    resource: resource.key,
    kind: 'stack',
    what: `CloudFormation stack ${owner.stack} (${status}), which owns ${owner.logicalId}`,
    since: iso(stack?.LastUpdatedTime ?? stack?.CreationTime),
  };
}

/**
 * An ECS deployment rolling out: the primary deployment's rolloutState IN_PROGRESS, or more than
 * one deployment (the old tasks still draining), with or without the circuit breaker or the
 * deployment alarms that roll it back natively
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html, rolloutState).
 */
export async function ecsRollout(resource: Target<'ecs'>, budget: ContextBudget): Promise<DeploymentInProgress | undefined> {
  const { cluster, service } = resource.props;
  const found = await ecsService(budget, cluster, service);
  const deployments = found?.deployments ?? [];
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  if (primary?.rolloutState !== 'IN_PROGRESS' && deployments.length <= 1) return undefined;
  const state = primary?.rolloutState ?? 'unknown';
  return {
    resource: resource.key,
    kind: 'ecs-rollout',
    what: `ECS deployment ${primary?.id ?? '(no primary)'} of ${cluster}/${service} to ${primary?.taskDefinition ?? 'an unknown task definition'} (rollout ${state}, ${deployments.length} deployments)`,
    since: iso(primary?.createdAt),
  };
}

/**
 * A Lambda alias routing part of its traffic to a second version: what CodeDeploy's canary and
 * linear deployments do while they shift (AdditionalVersionWeights,
 * https://docs.aws.amazon.com/lambda/latest/api/API_AliasRoutingConfiguration.html).
 */
export async function aliasShifting(resource: Target<'lambda'>, budget: ContextBudget): Promise<DeploymentInProgress | undefined> {
  const { name, alias } = resource.props;
  if (alias === undefined) return undefined;
  const out = await lambdaAlias(budget, name, alias);
  const weights = Object.entries(out.RoutingConfig?.AdditionalVersionWeights ?? {});
  if (weights.length === 0) return undefined;
  const shares = weights.map(([version, weight]) => `${Math.round(weight * 100)}% to version ${version}`).join(', ');
  return { resource: resource.key, kind: 'alias-shift', what: `alias ${name}:${alias} shifting traffic from version ${out.FunctionVersion ?? '?'} (${shares})` };
}
