import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/ecs';

export const handler = createHandler(remediations);
