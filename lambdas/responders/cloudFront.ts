import { remediations } from '../remediations/cloudFront';
import { createHandler } from '../pipeline/handler';

export const handler = createHandler(remediations);
