import { contextProbe, remediations } from '../remediations/dynamodb';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations, { contextProbe });
