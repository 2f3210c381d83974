import { contextProbe, remediations } from '../remediations/lambda';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations, contextProbe);
