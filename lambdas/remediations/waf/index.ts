import type { FamilyRemediations } from '../../core/remediation';
import { blockSourceIps } from './block-source-ips';

/** The waf family's remediations, by id: one missing from the catalogue's waf family does not compile. */
export const remediations: FamilyRemediations<'waf'> = {
  'block-source-ips': blockSourceIps,
};
