import { remediations } from '../remediations/waf';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations);
