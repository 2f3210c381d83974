import { WAFV2Client } from '@aws-sdk/client-wafv2';
import type { WafIpSet } from '../../../lib/catalogue';
import { onFirstUse } from './on-first-use';

/** Once per container, made on first use. Retries are made by awsCall, where they can be recorded and tested. */
export const wafv2Client = onFirstUse((scoped) => new WAFV2Client({ maxAttempts: 1, ...scoped }));

/** Most responders never touch a CLOUDFRONT IP set. */
const cloudFrontScopeClient = onFirstUse((scoped) => new WAFV2Client({ maxAttempts: 1, region: 'us-east-1', ...scoped }));

/**
 * The client for an IP set's scope. CLOUDFRONT-scoped WAF resources exist only in us-east-1,
 * whatever region the responder runs in.
 */
export function wafv2ClientFor(scope: WafIpSet['scope']): WAFV2Client {
  return scope === 'REGIONAL' ? wafv2Client() : cloudFrontScopeClient();
}

