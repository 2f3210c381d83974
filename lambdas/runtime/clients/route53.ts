import { Route53Client } from '@aws-sdk/client-route-53';

/**
 * Created once per container. Retries are made by awsCall, where they can be recorded and tested.
 * Route 53 is global: the SDK sends every region's requests to its one endpoint.
 */
export const route53Client = new Route53Client({ maxAttempts: 1 });
