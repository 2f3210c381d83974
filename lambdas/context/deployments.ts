import type { Target } from '../../lib/catalogue';
import type { DeploymentInProgress } from '../core/context';
import type { ContextBudget } from './budget';
import type { Owner } from './ownership';
import { describeStack } from './reads';

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
