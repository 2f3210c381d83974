import { undoBlockSourceIps } from './block-source-ips-undo';
import { stringListParam } from '../common/list-params';
import { queryTopSources } from './top-source-ips';
import type { Plan, Remediation } from '../../core/remediation';
import {
  hostCidr,
  ipSetOf,
  isLockConflict,
  LOCK_CONFLICT_RETRIES,
  matchesVersion,
  readIpSet,
  uncoveredHosts,
  updateIpSet,
  WAF_IP_SET_ADDRESS_LIMIT,
} from './waf-ip-set';

export { LOCK_CONFLICT_RETRIES };

/** A source needs at least this many hits in the alarm window to be blocked. */
export const MIN_HITS_TO_BLOCK = 5;

/** The merged list would pass WAF's limit after a re-read: the set filled up since the plan. */
export class IpSetFullError extends Error {
  constructor(ipSetName: string, count: number) {
    super(`IP set ${ipSetName} would hold ${count} addresses, over WAF's limit of ${WAF_IP_SET_ADDRESS_LIMIT}`);
    this.name = 'IpSetFullError';
  }
}

/** Guarded (see the catalogue): blocking an address can lock out real users behind it. */
export const blockSourceIps: Remediation<'logGroup'> = {
  id: 'block-source-ips',
  targetType: 'logGroup',
  undo: undoBlockSourceIps,

  async plan(ctx): Promise<Plan> {
    const { logGroupName, sourceIpField, wafIpSet } = ctx.target.props;
    if (!wafIpSet) {
      return { remediation: 'block-source-ips', resource: logGroupName, kind: 'no-op', before: {}, notApplicable: true, reason: 'no WAF IP set configured for this log group' };
    }
    const base = { remediation: 'block-source-ips', resource: `ipset/${wafIpSet.scope}/${wafIpSet.name}/${wafIpSet.id}` } as const;
    const top = await queryTopSources(ctx.calls, logGroupName, sourceIpField, ctx);
    if (!top.ok) return { ...base, kind: 'no-op', before: { logGroupName }, reason: top.reason };

    const current = await readIpSet(ctx.calls, wafIpSet);
    const topSources = top.sources.map((s) => ({ ip: s.ip, hits: s.hits }));
    const before = { logGroupName, addressCount: current.addresses.length, topSources };
    const candidates = top.sources
      .filter((s) => s.hits >= MIN_HITS_TO_BLOCK && matchesVersion(s.ip, current.version))
      .map((s) => hostCidr(s.ip));
    const newAddresses = uncoveredHosts(current.addresses, candidates);
    if (newAddresses.length === 0) {
      return {
        ...base,
        kind: 'no-op',
        before,
        reason: `no new ${current.version} source with at least ${MIN_HITS_TO_BLOCK} hits in ${logGroupName} (${top.sources.length} top sources, none unblocked)`,
      };
    }
    const addresses = [...current.addresses, ...newAddresses];
    if (addresses.length > WAF_IP_SET_ADDRESS_LIMIT) {
      return {
        ...base,
        kind: 'no-op',
        before,
        reason: `adding ${newAddresses.length} address(es) would put ${addresses.length} in IP set ${wafIpSet.name}, over WAF's limit of ${WAF_IP_SET_ADDRESS_LIMIT}`,
      };
    }
    return {
      ...base,
      kind: 'change',
      summary: `block ${newAddresses.length} source(s) in WAF IP set ${wafIpSet.name}: ${newAddresses.join(', ')}`,
      before,
      after: { addedAddresses: newAddresses, addressCount: addresses.length },
      params: {
        ipSetName: wafIpSet.name,
        ipSetId: wafIpSet.id,
        scope: wafIpSet.scope,
        // Only the addition: the set itself can hold 10,000 addresses, too many for a record.
        newAddresses,
      },
    };
  },

  async apply(plan, ctx) {
    const ipSet = ipSetOf(plan);
    const newAddresses = stringListParam(plan, 'newAddresses');
    // UpdateIPSet replaces the whole list and needs the current LockToken: read, merge, write;
    // on a conflict someone changed the set meanwhile, so read and merge again.
    for (let conflicts = 0; ; conflicts += 1) {
      const fresh = await readIpSet(ctx.calls, ipSet);
      const added = uncoveredHosts(fresh.addresses, newAddresses);
      if (added.length === 0) {
        return { after: { addedAddresses: [], addressCount: fresh.addresses.length }, summary: `${ipSet.name} already covers every planned address` };
      }
      const addresses = [...fresh.addresses, ...added];
      if (addresses.length > WAF_IP_SET_ADDRESS_LIMIT) throw new IpSetFullError(ipSet.name, addresses.length);
      try {
        await updateIpSet(ctx.calls, ipSet, addresses, fresh.lockToken, fresh.description);
        return { after: { addedAddresses: added, addressCount: addresses.length }, summary: `added ${added.length} address(es) to ${ipSet.name}` };
      } catch (err) {
        if (!isLockConflict(err) || conflicts >= LOCK_CONFLICT_RETRIES) throw err;
      }
    }
  },
};
