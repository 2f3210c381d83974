import { WAFV2Client } from '@aws-sdk/client-wafv2';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const wafv2Client = new WAFV2Client({ maxAttempts: 1 });
