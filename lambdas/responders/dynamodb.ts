import { createHandler, type FamilyRemediations } from '../pipeline/handler';
import { switchDynamodbOnDemand } from '../remediations/switch-dynamodb-on-demand';

/** The dynamodb responder: only the clients and remediations of its family. */
export const remediations: FamilyRemediations<'dynamodb'> = {
  'switch-dynamodb-on-demand': switchDynamodbOnDemand,
};

export const handler = createHandler(remediations);
