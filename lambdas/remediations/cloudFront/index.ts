import type { FamilyRemediations } from '../../core/remediation';
import { invalidateCloudfront } from './invalidate-cloudfront';

/** The cloudFront family's remediations, by id: one missing from the catalogue's cloudFront family does not compile. */
export const remediations: FamilyRemediations<'cloudFront'> = {
  'invalidate-cloudfront': invalidateCloudfront,
};
