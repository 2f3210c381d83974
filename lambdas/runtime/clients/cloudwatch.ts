import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const cloudwatchClient = new CloudWatchClient({ maxAttempts: 1 });
