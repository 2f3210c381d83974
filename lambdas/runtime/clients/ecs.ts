import { ECSClient } from '@aws-sdk/client-ecs';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const ecsClient = onFirstUse((scoped) => new ECSClient({ maxAttempts: 1, ...scoped }));
