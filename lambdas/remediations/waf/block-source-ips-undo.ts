import type { RemediationId, WafIpSet } from '../../../lib/catalogue';
import { stringListParam } from '../common/list-params';
import type { Plan, State } from '../../core/remediation';
import { AppliedActionError, expectRemediation, recordedString, recordedStrings, undoNoOp } from '../common/undo-plan';
import type { AppliedAction, Undo } from '../../core/applied-action';
import { ipSetOf, isLockConflict, LOCK_CONFLICT_RETRIES, readIpSet, updateIpSet } from './waf-ip-set';

const ID = 'block-source-ips' satisfies RemediationId;

function recordedIpSet(action: AppliedAction): WafIpSet {
  const scope = recordedString(action, 'params', 'scope');
  if (scope !== 'REGIONAL' && scope !== 'CLOUDFRONT') throw new AppliedActionError(action, 'params.scope', 'REGIONAL or CLOUDFRONT', scope);
  return { name: recordedString(action, 'params', 'ipSetName'), id: recordedString(action, 'params', 'ipSetId'), scope };
}

/**
 * Unblocks exactly the addresses the block added (`after.addedAddresses`: what apply wrote, which
 * can be fewer than planned), by exact entry: a range blocked by someone else is never touched.
 * Addresses added to the set since by anyone else stay, as the list is filtered, not replaced.
 */
export const undoBlockSourceIps: Undo<'logGroup'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, ID);
    const ipSet = recordedIpSet(action);
    const added = recordedStrings(action, 'after', 'addedAddresses');
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

  async apply(plan, ctx) {
    const ipSet = ipSetOf(plan);
    const remove = new Set(stringListParam(plan, 'removeAddresses'));
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
};
