import type { FamilyRemediations } from '../../core/remediation';
import { raiseApprunnerMaxSize } from './raise-apprunner-max-size';
import { redeployApprunnerService } from './redeploy-apprunner-service';

/** The appRunner family's remediations, by id: one missing from the catalogue's appRunner family does not compile. */
export const remediations: FamilyRemediations<'appRunner'> = {
  'redeploy-apprunner-service': redeployApprunnerService,
  'raise-apprunner-max-size': raiseApprunnerMaxSize,
};
