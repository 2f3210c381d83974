import { ECSClient } from '@aws-sdk/client-ecs';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const ecsClient = new ECSClient({ maxAttempts: 1 });
