import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const cloudfrontClient = onFirstUse((scoped) => new CloudFrontClient({ maxAttempts: 1, ...scoped }));
