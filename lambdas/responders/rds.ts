import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/rds';

export const handler = createHandler(remediations);
