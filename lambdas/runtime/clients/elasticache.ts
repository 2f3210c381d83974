import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const elasticacheClient = onFirstUse((scoped) => new ElastiCacheClient({ maxAttempts: 1, ...scoped }));
