import type { Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, ServerlessChecks, type NagPack } from 'cdk-nag';

/** Every pack the app applies (bin/alert-responder.ts), by name. */
export const NAG_PACKS: ReadonlyArray<readonly [string, () => NagPack]> = [
  ['AwsSolutions', () => new AwsSolutionsChecks()],
  ['Serverless', () => new ServerlessChecks()],
  ['HIPAA.Security', () => new HIPAASecurityChecks()],
  ['NIST.800.53.R5', () => new NIST80053R5Checks()],
];

/** Unacknowledged findings of a pack in a stack, one line each: rule, resource, description. */
export function findings(pack: NagPack, stack: Stack): string[] {
  const report = pack.validateScope(stack);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}: ${v.description}`));
}

/** Unacknowledged findings of every pack, by stack name (only stacks with findings). */
export function nagFindings(stacks: readonly Stack[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const stack of stacks) {
    const lines = NAG_PACKS.flatMap(([, pack]) => findings(pack(), stack));
    if (lines.length > 0) out[stack.stackName] = lines;
  }
  return out;
}
