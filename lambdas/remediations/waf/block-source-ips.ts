import { ALERT_KINDS, type AlertKindId, type TargetProps } from '../../../lib/catalogue';
import { both, object, strList } from '../../core/params';
import { defineRemediation, type NoOpPlan } from '../../core/remediation';
import type { State } from '../../core/state';
import { undoNoOp } from '../common/undo-reasons';
import { alarmWindow } from './alarm-window';
import { chooseSources, MAX_NEW_ADDRESSES, MIN_HITS_TO_BLOCK } from './choose-sources';
import { failingSources } from './failing-sources';
import { configuredRanges, healthCheckerRanges, RESERVED_RANGES } from './never-block';
import { ipSetOf, ipSetParams, isLockConflict, LOCK_CONFLICT_RETRIES, readIpSet, uncoveredHosts, updateIpSet, WAF_IP_SET_ADDRESS_LIMIT } from './waf-ip-set';

export { LOCK_CONFLICT_RETRIES, MIN_HITS_TO_BLOCK };

const ID = 'block-source-ips';
/** Sources shown in the record: enough to judge the block, not the whole scan. */
const SOURCES_SHOWN = 10;

/** The merged list would pass WAF's limit after a re-read: the set filled up since the plan. */
export class IpSetFullError extends Error {
  constructor(ipSetName: string, count: number) {
    super(`IP set ${ipSetName} would hold ${count} addresses, over WAF's limit of ${WAF_IP_SET_ADDRESS_LIMIT}`);
    this.name = 'IpSetFullError';
  }
}

/** The pattern the alert's metric filter counts on this log group: the failing requests. */
function alertFilterPattern(kind: AlertKindId, props: TargetProps<'logGroup'>): string | undefined {
  const signal = ALERT_KINDS[kind].signals.logGroup;
  const source = signal ? Object.values(signal.metrics).find((m) => m.source === 'log') : undefined;
  return source?.source === 'log' ? source.filterPattern(props) : undefined;
}

/**
 * Guarded (see the catalogue): blocking an address can lock out real users behind it. Blocks only
 * sources of the failing requests (the events the alert's own filter pattern matches) over the
 * alarm's window as CloudWatch holds it, never an allowed range (./never-block.ts).
 */
export const blockSourceIps = defineRemediation({
  id: ID,
  targetType: 'logGroup',
  params: both(ipSetParams, object({ newAddresses: strList() })),

  async plan(ctx) {
    const { logGroupName, sourceIpField, wafIpSet } = ctx.target.props;
    if (!wafIpSet) {
      const nothingRead: State = {};
      return { remediation: ID, resource: logGroupName, kind: 'no-op', before: nothingRead, notApplicable: true, reason: 'no WAF IP set configured for this log group' };
    }
    const base = { remediation: ID, resource: `ipset/${wafIpSet.scope}/${wafIpSet.name}/${wafIpSet.id}` } as const;
    const noOp = (before: State, reason: string): NoOpPlan => ({ ...base, kind: 'no-op', before, reason });
    const filterPattern = alertFilterPattern(ctx.kind, ctx.target.props);
    if (filterPattern === undefined) return noOp({ logGroupName }, `alert kind ${ctx.kind} counts no events of ${logGroupName}: no failing requests to read`);
    const window = await alarmWindow(ctx.calls, ctx.alarm.name, ctx.now());
    if (!window.ok) return noOp({ logGroupName }, window.reason);
    // Before any log is read: without the health checkers' ranges nothing may be blocked (throws, refusing).
    const allowed = [...configuredRanges(wafIpSet.allowCidrs ?? []), ...(await healthCheckerRanges(ctx.calls)), ...RESERVED_RANGES];
    const scan = await failingSources(ctx.calls, logGroupName, filterPattern, sourceIpField, window);
    const windowState = { start: new Date(window.startMs).toISOString(), end: new Date(window.endMs).toISOString(), seconds: window.seconds, capped: window.capped };
    if (!scan.ok) return noOp({ logGroupName, filterPattern, window: windowState }, scan.reason);

    const current = await readIpSet(ctx.calls, wafIpSet);
    const choice = chooseSources(scan.sources, allowed, current.version, current.addresses);
    const before = {
      logGroupName,
      filterPattern,
      window: windowState,
      scan: { events: scan.scanned, withoutSource: scan.unreadable, complete: scan.complete },
      addressCount: current.addresses.length,
      failingSources: scan.sources.slice(0, SOURCES_SHOWN).map((s) => ({ ip: s.address, hits: s.hits })),
      neverBlocked: choice.neverBlocked.slice(0, SOURCES_SHOWN),
    };
    const newAddresses = uncoveredHosts(current.addresses, choice.block);
    if (newAddresses.length === 0) {
      const allowedNote = choice.neverBlocked.length === 0 ? '' : `; never blocked: ${choice.neverBlocked.map((n) => `${n.ip} (${n.hits} failing requests, ${n.why})`).join(', ')}`;
      return noOp(
        before,
        `no new ${current.version} source with at least ${MIN_HITS_TO_BLOCK} failing requests in ${logGroupName} ` +
          `(${scan.sources.length} source(s) of ${scan.scanned} failing request(s), none to block)${allowedNote}`,
      );
    }
    const addresses = [...current.addresses, ...newAddresses];
    if (addresses.length > WAF_IP_SET_ADDRESS_LIMIT) {
      return noOp(before, `adding ${newAddresses.length} address(es) would put ${addresses.length} in IP set ${wafIpSet.name}, over WAF's limit of ${WAF_IP_SET_ADDRESS_LIMIT}`);
    }
    const deferred = choice.deferred === 0 ? '' : ` (at most ${MAX_NEW_ADDRESSES} per action: ${choice.deferred} more left for people)`;
    return {
      ...base,
      kind: 'change',
      summary: `block ${newAddresses.length} source(s) of failing requests in WAF IP set ${wafIpSet.name}: ${newAddresses.join(', ')}${deferred}`,
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

  async apply(params, ctx) {
    const ipSet = ipSetOf(params);
    // UpdateIPSet replaces the whole list and needs the current LockToken: read, merge, write;
    // on a conflict someone changed the set meanwhile, so read and merge again.
    for (let conflicts = 0; ; conflicts += 1) {
      const fresh = await readIpSet(ctx.calls, ipSet);
      const added = uncoveredHosts(fresh.addresses, params.newAddresses);
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

  /**
   * Unblocks exactly the addresses the block added (`after.addedAddresses`: what apply wrote, which
   * can be fewer than planned), by exact entry: a range blocked by someone else is never touched.
   * Addresses added to the set since by anyone else stay, as the list is filtered, not replaced.
   */
  undo: {
    recorded: object({ params: ipSetParams, after: object({ addedAddresses: strList() }) }),
    params: both(ipSetParams, object({ removeAddresses: strList() })),

    async plan({ params, after: { addedAddresses: added } }, action, ctx) {
      const ipSet = ipSetOf(params);
      const current = await readIpSet(ctx.calls, ipSet);
      const listed = new Set(current.addresses);
      const stillListed = added.filter((a) => listed.has(a));
      const gone = added.filter((a) => !listed.has(a));
      const before: State = { addressCount: current.addresses.length, stillListed };
      if (stillListed.length === 0) {
        const reason =
          added.length === 0
            ? `the block added no address to IP set ${ipSet.name} (the set already covered every planned one): nothing to undo`
            : `none of the ${added.length} address(es) the block added is in IP set ${ipSet.name} any more: nothing to undo`;
        return undoNoOp(action, before, reason);
      }
      if (gone.length > 0) {
        // Someone already unblocked part of it by hand: the set is theirs to finish, not ours to guess at.
        const reason =
          `IP set ${ipSet.name} changed since the block: ${gone.join(', ')} was removed by someone else, so the undo leaves the set alone ` +
          `(still listed from the block: ${stillListed.join(', ')})`;
        return undoNoOp(action, before, reason);
      }
      return {
        kind: 'change',
        remediation: ID,
        resource: action.resource,
        summary: `undo: unblock ${added.length} source(s) in WAF IP set ${ipSet.name}: ${added.join(', ')}`,
        before,
        after: { removedAddresses: added, addressCount: current.addresses.length - added.length },
        params: { ipSetName: ipSet.name, ipSetId: ipSet.id, scope: ipSet.scope, removeAddresses: added },
      };
    },

    async apply(params, ctx) {
      const ipSet = ipSetOf(params);
      const remove = new Set(params.removeAddresses);
      // UpdateIPSet replaces the whole list and needs the current LockToken: read, filter, write;
      // on a conflict someone changed the set meanwhile, so read and filter again.
      for (let conflicts = 0; ; conflicts += 1) {
        const fresh = await readIpSet(ctx.calls, ipSet);
        const kept = fresh.addresses.filter((a) => !remove.has(a));
        const removed = fresh.addresses.filter((a) => remove.has(a));
        if (removed.length === 0) {
          return { after: { removedAddresses: [], addressCount: fresh.addresses.length }, summary: `${ipSet.name} already lists none of the addresses to unblock` };
        }
        try {
          await updateIpSet(ctx.calls, ipSet, kept, fresh.lockToken, fresh.description);
          return { after: { removedAddresses: removed, addressCount: kept.length }, summary: `removed ${removed.length} address(es) from ${ipSet.name}` };
        } catch (err) {
          if (!isLockConflict(err) || conflicts >= LOCK_CONFLICT_RETRIES) throw err;
        }
      }
    },
  },
});
