import { remediations } from '../remediations/appRunner';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations);
