import { BlockList, isIP } from 'node:net';
import { GetIPSetCommand } from '@aws-sdk/client-wafv2';
import type { WafIpSet } from '../../lib/catalogue';
import { awsCall } from '../shared/aws-call';
import { wafv2ClientFor } from '../shared/clients/wafv2';
import type { AwsCallRecord } from './types';

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
