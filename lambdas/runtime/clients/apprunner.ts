import { AppRunnerClient } from '@aws-sdk/client-apprunner';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const apprunnerClient = new AppRunnerClient({ maxAttempts: 1 });
