import { RDSClient } from '@aws-sdk/client-rds';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const rdsClient = onFirstUse((scoped) => new RDSClient({ maxAttempts: 1, ...scoped }));
