import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { rebootRdsInstance } from '../remediations/reboot-rds-instance';

/** The rds responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'rds'> = {
  'reboot-rds-instance': rebootRdsInstance,
};

export const handler = createHandler(remediations);
