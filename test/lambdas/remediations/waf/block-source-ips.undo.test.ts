import { GetIPSetCommand, UpdateIPSetCommand } from '@aws-sdk/client-wafv2';
import 'aws-sdk-client-mock-jest';
import { blockSourceIps } from '../../../../lambdas/remediations/waf/block-source-ips';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { LOCK_CONFLICT_RETRIES } from '../../../../lambdas/remediations/waf/waf-ip-set';
import { awsError, expectChange, expectNoOp, expectOnlyReads, WAF_IP_SET } from '../service-fixtures';
import { EXISTING, ipSet } from '../waf-fixtures';
import { givenAws, resetWafMocks, wafContext, wafMock } from './waf-mocks';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const ctx = () => wafContext();
const ADDED = ['203.0.113.7/32', '198.51.100.9/32'];
/** Blocked by someone else after the action: the undo must keep it. */
const LATER = '198.18.0.0/15';

/** Blocks the top sources as the responder would: ADDED joins EXISTING. */
async function blocked(): Promise<AppliedAction> {
  givenAws();
  wafMock.on(UpdateIPSetCommand).resolves({ NextLockToken: 'token-2' });
  const c = ctx();
  const plan = expectChange(await blockSourceIps.plan(c));
  const action = appliedAction(plan, await applyChange(blockSourceIps, plan, c));
  resetWafMocks();
  return action;
}

const update = (addresses: string[], lockToken: string) => ({
  Name: WAF_IP_SET.name,
  Id: WAF_IP_SET.id,
  Scope: 'REGIONAL',
  Addresses: addresses,
  LockToken: lockToken,
  Description: 'blocked by alert-responder',
});

beforeEach(resetWafMocks);

describe('block-source-ips undo', () => {
  it('removes exactly the addresses the block added, keeping later ones, reading only until apply', async () => {
    const action = await blocked();
    expect(action.after).toMatchObject({ addedAddresses: ADDED });
    wafMock.on(GetIPSetCommand).resolves(ipSet([...EXISTING, ...ADDED, LATER], 'token-3'));
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(blockSourceIps, action, c));

    expect(plan.summary).toBe(`undo: unblock 2 source(s) in WAF IP set ${WAF_IP_SET.name}: ${ADDED.join(', ')}`);
    expect(plan.before).toEqual({ addressCount: 5, stillListed: ADDED });
    expectOnlyReads(c);
    expect(wafMock).not.toHaveReceivedCommand(UpdateIPSetCommand);

    wafMock.on(UpdateIPSetCommand).resolves({ NextLockToken: 'token-4' });
    const result = await applyUndo(blockSourceIps, plan, c);
    expect(inputsOf(wafMock.commandCalls(UpdateIPSetCommand))).toEqual([update([...EXISTING, LATER], 'token-3')]);
    expect(result.after).toEqual({ removedAddresses: ADDED, addressCount: 3 });
  });

  it('re-reads and filters again after WAFOptimisticLockException, up to the retry limit', async () => {
    const action = await blocked();
    wafMock.on(GetIPSetCommand).resolves(ipSet([...EXISTING, ...ADDED], 'token-3'));
    const c = freshCalls(ctx());
    const plan = expectChange(await planUndo(blockSourceIps, action, c));
    wafMock.reset();
    wafMock
      .on(GetIPSetCommand)
      .resolvesOnce(ipSet([...EXISTING, ...ADDED], 'token-3'))
      .resolves(ipSet([...EXISTING, ...ADDED, LATER], 'token-4'));
    wafMock.on(UpdateIPSetCommand).rejectsOnce(awsError('WAFOptimisticLockException')).resolves({ NextLockToken: 'token-5' });

    await applyUndo(blockSourceIps, plan, c);

    expect(inputsOf(wafMock.commandCalls(UpdateIPSetCommand))).toEqual([update(EXISTING, 'token-3'), update([...EXISTING, LATER], 'token-4')]);
    wafMock.on(UpdateIPSetCommand).rejects(awsError('WAFOptimisticLockException'));
    await expect(applyUndo(blockSourceIps, plan, c)).rejects.toThrow('WAFOptimisticLockException');
    expect(wafMock).toHaveReceivedCommandTimes(UpdateIPSetCommand, 2 + LOCK_CONFLICT_RETRIES + 1);
  });

  it('refuses when someone already removed part of what the block added', async () => {
    const action = await blocked();
    wafMock.on(GetIPSetCommand).resolves(ipSet([...EXISTING, '198.51.100.9/32'], 'token-3'));
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(blockSourceIps, action, c));

    expect(plan.reason).toBe(
      `IP set ${WAF_IP_SET.name} changed since the block: 203.0.113.7/32 was removed by someone else, so the undo leaves the set alone (still listed from the block: 198.51.100.9/32)`,
    );
    expectOnlyReads(c);
  });

  it('plans nothing when none of the added addresses is listed any more', async () => {
    const action = await blocked();
    wafMock.on(GetIPSetCommand).resolves(ipSet(EXISTING, 'token-3'));

    const plan = expectNoOp(await planUndo(blockSourceIps, action, freshCalls(ctx())));

    expect(plan.reason).toBe(`none of the 2 address(es) the block added is in IP set ${WAF_IP_SET.name} any more: nothing to undo`);
  });

  it('plans nothing when the block added nothing (the set covered every planned address by apply time)', async () => {
    const action = await blocked();
    wafMock.on(GetIPSetCommand).resolves(ipSet([...EXISTING, ...ADDED], 'token-3'));

    const plan = expectNoOp(await planUndo(blockSourceIps, { ...action, after: { addedAddresses: [], addressCount: 4 } }, freshCalls(ctx())));

    expect(plan.reason).toContain('the block added no address');
  });
});
