import { remediations } from '../remediations/appRunner';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations);
