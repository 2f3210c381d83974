import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const dynamodbClient = onFirstUse((scoped) => new DynamoDBClient({ maxAttempts: 1, ...scoped }));
