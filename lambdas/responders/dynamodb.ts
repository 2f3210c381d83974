import { contextProbe, remediations } from '../remediations/dynamodb';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations, contextProbe);
