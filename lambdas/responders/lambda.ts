import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/lambda';

export const handler = createHandler(remediations);
