import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/elastiCache';

export const handler = createHandler(remediations);
