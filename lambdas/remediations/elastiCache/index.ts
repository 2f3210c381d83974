import type { FamilyRemediations } from '../../core/remediation';
import { rebootElasticacheCluster } from './reboot-elasticache-cluster';

/** The elastiCache family's remediations, by id: one missing from the catalogue's elastiCache family does not compile. */
export const remediations: FamilyRemediations<'elastiCache'> = {
  'reboot-elasticache-cluster': rebootElasticacheCluster,
};
