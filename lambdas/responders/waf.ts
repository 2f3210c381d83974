import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { blockSourceIps } from '../remediations/block-source-ips';

/** The waf responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'waf'> = {
  'block-source-ips': blockSourceIps,
};

export const handler = createHandler(remediations);
