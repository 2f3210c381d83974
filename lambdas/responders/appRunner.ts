import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { redeployApprunnerService } from '../remediations/redeploy-apprunner-service';
import { raiseApprunnerMaxSize } from '../remediations/raise-apprunner-max-size';

/** The appRunner responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'appRunner'> = {
  'redeploy-apprunner-service': redeployApprunnerService,
  'raise-apprunner-max-size': raiseApprunnerMaxSize,
};

export const handler = createHandler(remediations);
