import { KMSClient } from '@aws-sdk/client-kms';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use (only signing a record uses it). Retries are made by awsCall, where they can be recorded and tested. */
export const kmsClient = onFirstUse((scoped) => new KMSClient({ maxAttempts: 1, ...scoped }));
