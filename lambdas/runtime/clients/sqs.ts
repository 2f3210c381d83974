import { SQSClient } from '@aws-sdk/client-sqs';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const sqsClient = onFirstUse((scoped) => new SQSClient({ maxAttempts: 1, ...scoped }));
