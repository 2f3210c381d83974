import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { redeployEcsService } from '../remediations/redeploy-ecs-service';
import { scaleOutEcsService } from '../remediations/scale-out-ecs-service';

/** The ecs responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'ecs'> = {
  'redeploy-ecs-service': redeployEcsService,
  'scale-out-ecs-service': scaleOutEcsService,
};

export const handler = createHandler(remediations);
