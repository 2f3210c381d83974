import { contextProbe, remediations } from '../remediations/lambda';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations, { contextProbe });
