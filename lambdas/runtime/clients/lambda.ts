import { LambdaClient } from '@aws-sdk/client-lambda';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const lambdaClient = new LambdaClient({ maxAttempts: 1 });
