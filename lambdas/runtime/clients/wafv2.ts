import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { WafIpSet } from '../../../lib/catalogue';

/** Created once per container. Retries are made by awsCall, where they can be recorded and tested. */
export const wafv2Client = new WAFV2Client({ maxAttempts: 1 });

let cloudFrontScopeClient: WAFV2Client | undefined;

/**
 * The client for an IP set's scope. CLOUDFRONT-scoped WAF resources exist only in us-east-1,
 * whatever region the responder runs in; that client is created on first use because most
 * responders never touch a CLOUDFRONT IP set.
 */
export function wafv2ClientFor(scope: WafIpSet['scope']): WAFV2Client {
  if (scope === 'REGIONAL') return wafv2Client;
  cloudFrontScopeClient ??= new WAFV2Client({ maxAttempts: 1, region: 'us-east-1' });
  return cloudFrontScopeClient;
}
