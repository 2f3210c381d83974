import { SQSClient } from '@aws-sdk/client-sqs';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const sqsClient = new SQSClient({ maxAttempts: 1 });
