import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { rebootElasticacheCluster } from '../remediations/reboot-elasticache-cluster';

/** The elastiCache responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'elastiCache'> = {
  'reboot-elasticache-cluster': rebootElasticacheCluster,
};

export const handler = createHandler(remediations);
