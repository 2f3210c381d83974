import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const logsClient = onFirstUse((scoped) => new CloudWatchLogsClient({ maxAttempts: 1, ...scoped }));
