import { BlockList, isIP } from 'node:net';
import { GetIPSetCommand, UpdateIPSetCommand } from '@aws-sdk/client-wafv2';
import type { WafIpSet } from '../../../lib/catalogue';
import { object, oneOf, str, type Infer } from '../../core/params';
import type { AwsCallRecord } from '../../core/record';
import { awsCall } from '../../runtime/aws-call';
import { wafv2ClientFor } from '../../runtime/clients/wafv2';

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

/** A single host as WAF writes it. */
export function hostCidr(ip: string): string {
  return isIP(ip) === 6 ? `${ip}/128` : `${ip}/32`;
}

/** An IP set holds one address family; UpdateIPSet rejects the other. */
export function matchesVersion(ip: string, version: IpSetState['version']): boolean {
  return isIP(ip) === (version === 'IPV4' ? 4 : 6);
}

function blockListOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [net, prefix] = cidr.split('/');
    const family = isIP(net ?? '');
    if (family === 0 || prefix === undefined) continue;
    try {
      list.addSubnet(net ?? '', Number(prefix), family === 6 ? 'ipv6' : 'ipv4');
    } catch {
      // An entry WAF accepted but node cannot parse stays in the set; it just covers nothing here.
    }
  }
  return list;
}

/**
 * The host CIDRs not yet covered by the set. Covered means inside any listed range, not just
 * listed verbatim, so an IP inside an already blocked /24 is not added again.
 */
export function uncoveredHosts(existing: readonly string[], hosts: readonly string[]): string[] {
  const blocked = blockListOf(existing);
  const seen = new Set<string>();
  return hosts.filter((cidr) => {
    const ip = cidr.split('/')[0] ?? '';
    const family = isIP(ip);
    if (family === 0 || seen.has(cidr)) return false;
    seen.add(cidr);
    return !blocked.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  });
}
