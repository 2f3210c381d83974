import type { FamilyRemediations } from '../../core/remediation';
import { rebootRdsInstance } from './reboot-rds-instance';

/** The rds family's remediations, by id: one missing from the catalogue's rds family does not compile. */
export const remediations: FamilyRemediations<'rds'> = {
  'reboot-rds-instance': rebootRdsInstance,
};
