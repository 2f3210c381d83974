import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const logsClient = new CloudWatchLogsClient({ maxAttempts: 1 });
