import { SNSClient } from '@aws-sdk/client-sns';
import { inScope, onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const snsClient = onFirstUse((scoped) => new SNSClient({ maxAttempts: 1, ...scoped }));

const byRegion = new Map<string, SNSClient>();

/**
 * A client for a topic in another region (the central escalation topic of a multi-account
 * deployment): SNS takes a topic's requests at its own region's endpoint. One per region and
 * container, made on first use like the others.
 */
export function snsClientIn(region: string): SNSClient {
  const scoped = inScope(`sns:${region}`, (config) => new SNSClient({ region, maxAttempts: 1, ...config }));
  if (scoped) return scoped;
  let client = byRegion.get(region);
  if (!client) {
    client = new SNSClient({ region, maxAttempts: 1 });
    byRegion.set(region, client);
  }
  return client;
}
