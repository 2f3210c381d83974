import { LambdaClient } from '@aws-sdk/client-lambda';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const lambdaClient = onFirstUse((scoped) => new LambdaClient({ maxAttempts: 1, ...scoped }));
