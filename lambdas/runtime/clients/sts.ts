import { STSClient } from '@aws-sdk/client-sts';
import { onFirstUse } from './on-first-use';

/**
 * Once per container, made on first use: only an approved apply assumes the action role.
 * Retries are made by awsCall, where they can be recorded and tested. Never scoped: it is what
 * makes the scoped credentials, with the responder's own.
 */
export const stsClient = onFirstUse(() => new STSClient({ maxAttempts: 1 }));
