import { remediations } from '../remediations/elastiCache';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations);
