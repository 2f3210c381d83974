import type { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';

/** Unacknowledged findings of a pack in a stack, one line each: rule, resource, description. */
export function findings(pack: NagPack, stack: Stack): string[] {
  const report = pack.validateScope(stack);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}: ${v.description}`));
}

/** Unacknowledged findings of the AwsSolutions and Serverless packs, by stack name (only stacks with findings). */
export function nagFindings(stacks: readonly Stack[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const stack of stacks) {
    const lines = [...findings(new AwsSolutionsChecks(), stack), ...findings(new ServerlessChecks(), stack)];
    if (lines.length > 0) out[stack.stackName] = lines;
  }
  return out;
}
