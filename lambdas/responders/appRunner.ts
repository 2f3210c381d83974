import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/appRunner';

export const handler = createHandler(remediations);
