import { remediations } from '../remediations/elastiCache';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations);
