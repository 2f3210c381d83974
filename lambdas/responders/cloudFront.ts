import { remediations } from '../remediations/cloudFront';
import { createActingHandler } from '../pipeline/acting-handler';

export const handler = createActingHandler(remediations);
