import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/waf';

export const handler = createHandler(remediations);
