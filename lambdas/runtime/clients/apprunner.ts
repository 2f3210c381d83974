import { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const apprunnerClient = onFirstUse((scoped) => new AppRunnerClient({ maxAttempts: 1, ...scoped }));
