import { remediations } from '../remediations/rds';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations);
