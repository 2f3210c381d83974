import type { FamilyRemediations } from '../core/remediation';
import { createHandler } from '../pipeline/handler';

/** Alerts with no safe automatic fix: the escalation family changes nothing, it hands over to people. */
const remediations: FamilyRemediations<'escalation'> = {};

export const handler = createHandler(remediations);
