import type { FamilyRemediations } from '../../core/remediation';
import { doubleLambdaMemory } from './double-lambda-memory';
import { doubleLambdaTimeout } from './double-lambda-timeout';
import { raiseProvisionedConcurrency } from './raise-provisioned-concurrency';
import { raiseReservedConcurrency } from './raise-reserved-concurrency';
import { rollbackLambdaAlias } from './rollback-lambda-alias';

/** The lambda family's remediations, by id: one missing from the catalogue's lambda family does not compile. */
export const remediations: FamilyRemediations<'lambda'> = {
  'raise-provisioned-concurrency': raiseProvisionedConcurrency,
  'raise-reserved-concurrency': raiseReservedConcurrency,
  'double-lambda-memory': doubleLambdaMemory,
  'double-lambda-timeout': doubleLambdaTimeout,
  'rollback-lambda-alias': rollbackLambdaAlias,
};
export { contextProbe } from './context-probe';
