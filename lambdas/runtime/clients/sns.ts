import { SNSClient } from '@aws-sdk/client-sns';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const snsClient = new SNSClient({ maxAttempts: 1 });
