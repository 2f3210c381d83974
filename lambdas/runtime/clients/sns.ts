import { SNSClient } from '@aws-sdk/client-sns';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const snsClient = onFirstUse(() => new SNSClient({ maxAttempts: 1 }));
