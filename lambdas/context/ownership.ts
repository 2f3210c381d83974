import type { Target } from '../../lib/catalogue';
import type { ContextBudget, ContextProbe, Tags, Where } from '../core/context';

/** The CloudFormation stack and logical resource that own a target. */
export interface Owner {
  readonly stack: string;
  readonly logicalId: string;
}

/**
 * CloudFormation tags the resources it creates with `aws:cloudformation:stack-name` and
 * `aws:cloudformation:logical-id` ("CloudFormation resource tagging", CloudFormation Template
 * Reference: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html).
 * Their propagation "varies by resource type": a target without them is taken as not managed.
 */
export const STACK_NAME_TAG = 'aws:cloudformation:stack-name';
export const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';

export function ownerFromTags(tags: Tags): Owner | undefined {
  const stack = tags.get(STACK_NAME_TAG);
  const logicalId = tags.get(LOGICAL_ID_TAG);
  return stack && logicalId ? { stack, logicalId } : undefined;
}

/**
 * The target's tags through its family's own read-only tag API (the probe its responder brings);
 * `unsupported` for the types whose tags the responder does not read (their deployments and drift
 * are not checked).
 */
export async function targetTags(target: Target, where: Where, budget: ContextBudget, probe: ContextProbe): Promise<Tags | 'unsupported'> {
  switch (target.type) {
    case 'lambda':
      return probe.lambda?.tags?.(target, where, budget) ?? 'unsupported';
    case 'ecs':
      return probe.ecs?.tags?.(target, where, budget) ?? 'unsupported';
    case 'dynamodb':
      return probe.dynamodb?.tags?.(target, where, budget) ?? 'unsupported';
    default:
      return 'unsupported';
  }
}
