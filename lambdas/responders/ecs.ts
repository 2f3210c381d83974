import { contextProbe, remediations } from '../remediations/ecs';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations, contextProbe);
