import { ElastiCacheClient } from '@aws-sdk/client-elasticache';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const elasticacheClient = new ElastiCacheClient({ maxAttempts: 1 });
