import { GetIPSetCommand, UpdateIPSetCommand } from '@aws-sdk/client-wafv2';
import type { WafIpSet } from '../../../lib/catalogue';
import { object, oneOf, str, type Infer } from '../../core/params';
import type { AwsCallRecord } from '../../core/record';
import { awsCall } from '../../runtime/aws-call';
import { wafv2ClientFor } from '../../runtime/clients/wafv2';
import { cidrContains, parseCidr, parseIp, type Cidr } from './cidr';

/** WAF's limit on addresses in one IP set. */
export const WAF_IP_SET_ADDRESS_LIMIT = 10_000;

/** The IP set as UpdateIPSet needs it: UpdateIPSet replaces the list and the description. */
export interface IpSetState {
  readonly addresses: readonly string[];
  readonly lockToken: string;
  readonly version: 'IPV4' | 'IPV6';
  readonly description?: string;
}

/** GetIPSet answered without a lock token or address version: UpdateIPSet cannot be called safely. */
export class IpSetReadError extends Error {
  constructor(ipSet: WafIpSet) {
    super(`GetIPSet for ${ipSet.name} (${ipSet.id}, ${ipSet.scope}) returned no LockToken or IPAddressVersion`);
    this.name = 'IpSetReadError';
  }
}

export async function readIpSet(calls: AwsCallRecord[], ipSet: WafIpSet): Promise<IpSetState> {
  const out = await awsCall(calls, 'wafv2', 'GetIPSet', () =>
    wafv2ClientFor(ipSet.scope).send(new GetIPSetCommand({ Name: ipSet.name, Id: ipSet.id, Scope: ipSet.scope })),
    { mutating: false },
  );
  const version = out.IPSet?.IPAddressVersion;
  if (!out.LockToken || !version) throw new IpSetReadError(ipSet);
  return { addresses: out.IPSet?.Addresses ?? [], lockToken: out.LockToken, version, description: out.IPSet?.Description };
}

/** How many times a write re-reads the IP set after WAFOptimisticLockException. */
export const LOCK_CONFLICT_RETRIES = 3;

/** The IP set a plan (blocking, or undoing a block) writes to, as its params name it. */
export const ipSetParams = object({ ipSetName: str(), ipSetId: str(), scope: oneOf('REGIONAL', 'CLOUDFRONT') });

export function ipSetOf(params: Infer<typeof ipSetParams>): WafIpSet {
  return { name: params.ipSetName, id: params.ipSetId, scope: params.scope };
}

/** Someone wrote the set between our read and our write: read again and redo the edit. */
export function isLockConflict(err: unknown): boolean {
  return err instanceof Error && err.name === 'WAFOptimisticLockException';
}

/** Replaces the set's whole list (and its description, which UpdateIPSet clears when left out). */
export async function updateIpSet(calls: AwsCallRecord[], ipSet: WafIpSet, addresses: readonly string[], lockToken: string, description?: string) {
  // Safe to retry on throttling: a rejected call consumed no lock token.
  await awsCall(calls, 'wafv2', 'UpdateIPSet', () =>
    wafv2ClientFor(ipSet.scope).send(
      new UpdateIPSetCommand({ Name: ipSet.name, Id: ipSet.id, Scope: ipSet.scope, Addresses: [...addresses], LockToken: lockToken, Description: description }),
    ),
    { mutating: true, idempotent: true },
  );
}

/** The ranges a set lists; an entry WAF accepted but this parser cannot read covers nothing here (and stays in the set). */
export function listedRanges(addresses: readonly string[]): Cidr[] {
  return addresses.flatMap((text) => parseCidr(text) ?? []);
}

/**
 * The host CIDRs not yet covered by the set. Covered means inside any listed range, not just
 * listed verbatim, so an address inside an already blocked /24 is not added again.
 */
export function uncoveredHosts(existing: readonly string[], hosts: readonly string[]): string[] {
  const listed = listedRanges(existing);
  const seen = new Set<string>();
  return hosts.filter((cidr) => {
    const ip = parseIp(cidr.split('/')[0] ?? '');
    if (!ip || seen.has(cidr)) return false;
    seen.add(cidr);
    return !listed.some((c) => cidrContains(c, ip));
  });
}
