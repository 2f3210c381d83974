import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';

/** The KMS MAC algorithm of the record key (KeySpec HMAC_256). */
export const RECORD_MAC_ALGORITHM = 'HMAC_SHA_256';

/** Names what the MAC is of, so a MAC of a record can never pass for a MAC of anything else made with the key. */
const DOMAIN = 'alert-responder record v1\n';

/**
 * The message whose HMAC a record carries: the SHA-256 digest of its canonical JSON without
 * `integrity` (the key ARN is known only from GenerateMac's answer, and verify-records checks
 * every MAC with the deployment's own key rather than the one a record names). A digest, because
 * GenerateMac takes at most 4,096 bytes and a record can be larger; KMS verifies "the HMAC of the
 * same hash digest" (GenerateMac, Message: docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html).
 */
export function recordMacMessage(record: object): Uint8Array {
  const rest: Record<string, unknown> = { ...record };
  delete rest.integrity;
  return createHash('sha256').update(DOMAIN).update(canonicalJson(rest)).digest();
}
