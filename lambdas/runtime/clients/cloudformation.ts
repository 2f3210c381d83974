import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use (only context reads use it). One attempt: a context read has a time budget, no time for retries. */
export const cloudformationClient = onFirstUse((scoped) => new CloudFormationClient({ maxAttempts: 1, ...scoped }));
