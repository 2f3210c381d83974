import { remediations } from '../remediations/waf';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations);
