import type { FamilyRemediations } from '../../core/remediation';
import { switchDynamodbOnDemand } from './switch-dynamodb-on-demand';

/** The dynamodb family's remediations, by id: one missing from the catalogue's dynamodb family does not compile. */
export const remediations: FamilyRemediations<'dynamodb'> = {
  'switch-dynamodb-on-demand': switchDynamodbOnDemand,
};
export { contextProbe } from './context-probe';
