import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { raiseProvisionedConcurrency } from '../remediations/raise-provisioned-concurrency';
import { raiseReservedConcurrency } from '../remediations/raise-reserved-concurrency';
import { doubleLambdaMemory } from '../remediations/double-lambda-memory';
import { doubleLambdaTimeout } from '../remediations/double-lambda-timeout';
import { rollbackLambdaAlias } from '../remediations/rollback-lambda-alias';

/** The lambda responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'lambda'> = {
  'raise-provisioned-concurrency': raiseProvisionedConcurrency,
  'raise-reserved-concurrency': raiseReservedConcurrency,
  'double-lambda-memory': doubleLambdaMemory,
  'double-lambda-timeout': doubleLambdaTimeout,
  'rollback-lambda-alias': rollbackLambdaAlias,
};

export const handler = createHandler(remediations);
