import type { FamilyRemediations } from '../../core/remediation';
import { redeployEcsService } from './redeploy-ecs-service';
import { scaleOutEcsService } from './scale-out-ecs-service';

/** The ecs family's remediations, by id: one missing from the catalogue's ecs family does not compile. */
export const remediations: FamilyRemediations<'ecs'> = {
  'redeploy-ecs-service': redeployEcsService,
  'scale-out-ecs-service': scaleOutEcsService,
};
export { contextProbe } from './context-probe';
