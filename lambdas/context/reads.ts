import { DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import type { ContextBudget } from '../core/context';
import { cloudformationClient } from '../runtime/clients/cloudformation';

/** The stack by name, or undefined where it is gone. */
export function describeStack(budget: ContextBudget, stackName: string): Promise<Stack | undefined> {
  return budget
    .read({ service: 'cloudformation', operation: 'DescribeStacks', key: `cloudformation:DescribeStacks:${stackName}` }, (abortSignal) =>
      cloudformationClient().send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal }),
    )
    .then((out) => out.Stacks?.[0]);
}
