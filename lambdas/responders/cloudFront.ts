import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { invalidateCloudfront } from '../remediations/invalidate-cloudfront';

/** The cloudFront responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'cloudFront'> = {
  'invalidate-cloudfront': invalidateCloudfront,
};

export const handler = createHandler(remediations);
