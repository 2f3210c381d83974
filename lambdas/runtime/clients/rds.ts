import { RDSClient } from '@aws-sdk/client-rds';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const rdsClient = new RDSClient({ maxAttempts: 1 });
