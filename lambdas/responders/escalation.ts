import { createHandler, type FamilyRemediations } from '../pipeline/handler';

/** The escalation responder: alerts with no safe automatic fix; it changes nothing, it hands over. */
export const remediations: FamilyRemediations<'escalation'> = {};

export const handler = createHandler(remediations);
