import { createHandler } from '../pipeline/handler';
import { remediations } from '../remediations/cloudFront';

export const handler = createHandler(remediations);
