import { remediations } from '../remediations/rds';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations);
