import type { FamilyRemediations } from '../../core/remediation';
import { redeployApprunnerService } from './redeploy-apprunner-service';
import { raiseApprunnerMaxSize } from './raise-apprunner-max-size';

/** The appRunner family's remediations, by id: one missing from the catalogue's appRunner family does not compile. */
export const remediations: FamilyRemediations<'appRunner'> = {
  'redeploy-apprunner-service': redeployApprunnerService,
  'raise-apprunner-max-size': raiseApprunnerMaxSize,
};
