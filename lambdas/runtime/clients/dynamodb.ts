import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const dynamodbClient = new DynamoDBClient({ maxAttempts: 1 });
