import { CloudFrontClient } from '@aws-sdk/client-cloudfront';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const cloudfrontClient = new CloudFrontClient({ maxAttempts: 1 });
