import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { inScope, madeClient, onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const cloudwatchClient = onFirstUse((scoped) => new CloudWatchClient({ maxAttempts: 1, ...scoped }));

const byRegion = new Map<string, CloudWatchClient>();

/**
 * The client of an alarm's region: alarms on us-east-1-only metrics (Route 53 health checks,
 * billing, CloudFront) live there, whatever region the responder runs in. Created on first use,
 * once per region per container; the responder's own region (or none named) uses the shared client.
 */
export function cloudwatchClientFor(region?: string): CloudWatchClient {
  if (region === undefined || region === process.env.AWS_REGION) return cloudwatchClient();
  const scoped = inScope(`cloudwatch:${region}`, (config) => new CloudWatchClient({ maxAttempts: 1, region, ...config }));
  if (scoped) return scoped;
  let client = byRegion.get(region);
  if (!client) byRegion.set(region, (client = madeClient(new CloudWatchClient({ maxAttempts: 1, region }))));
  return client;
}
