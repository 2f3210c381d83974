import { Route53Client } from '@aws-sdk/client-route-53';
import { onFirstUse } from './on-first-use';

/**
 * Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested.
 * Route 53 is global: the SDK sends every region's requests to its one endpoint.
 */
export const route53Client = onFirstUse((scoped) => new Route53Client({ maxAttempts: 1, ...scoped }));
