import { contextProbe, remediations } from '../remediations/ecs';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations, { contextProbe });
