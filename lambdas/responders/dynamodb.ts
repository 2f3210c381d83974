import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/dynamodb';

export const handler = createHandler(remediations);
