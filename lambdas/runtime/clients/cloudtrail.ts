import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use (only context reads use it). One attempt: a context read has a time budget, no time for retries. */
export const cloudtrailClient = onFirstUse((scoped) => new CloudTrailClient({ maxAttempts: 1, ...scoped }));
