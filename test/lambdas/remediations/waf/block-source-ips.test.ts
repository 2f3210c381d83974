import { GetIPSetCommand, UpdateIPSetCommand } from '@aws-sdk/client-wafv2';
import 'aws-sdk-client-mock-jest';
import { applyChange } from '../apply-within-applies';
import { blockSourceIps, LOCK_CONFLICT_RETRIES } from '../../../../lambdas/remediations/waf/block-source-ips';
import { wafv2Client, wafv2ClientFor } from '../../../../lambdas/runtime/clients/wafv2';
import { awsError, expectChange, WAF_IP_SET } from '../service-fixtures';
import { EXISTING, ipSet } from '../waf-fixtures';
import { givenAws, resetWafMocks, wafContext, wafMock } from './waf-mocks';

/** The failing sources of the audit log, planned: 203.0.113.7 and 198.51.100.9 to block (see block-source-ips.plan.test.ts). */
const givenTopSources = () => givenAws();
const ctx = wafContext;

beforeEach(resetWafMocks);

describe('block-source-ips apply', () => {
  it('replaces the address list with the merged one, keeping the description, with the lock token read in the plan', async () => {
    givenTopSources();
    wafMock.on(UpdateIPSetCommand).resolves({ NextLockToken: 'token-2' });
    const c = ctx();
    const result = await applyChange(blockSourceIps, expectChange(await blockSourceIps.plan(c)), c);
    expect(wafMock).toHaveReceivedCommandTimes(UpdateIPSetCommand, 1);
    expect(wafMock).toHaveReceivedCommandWith(UpdateIPSetCommand, {
      Name: WAF_IP_SET.name,
      Id: WAF_IP_SET.id,
      Scope: 'REGIONAL',
      Addresses: [...EXISTING, '203.0.113.7/32', '198.51.100.9/32'],
      LockToken: 'token-1',
      Description: 'blocked by alert-responder',
    });
    expect(result.after).toEqual({ addedAddresses: ['203.0.113.7/32', '198.51.100.9/32'], addressCount: 4 });
  });

  it('re-reads the IP set after WAFOptimisticLockException and merges into what is there now', async () => {
    givenTopSources();
    // Read by the plan, read again by apply, then changed by someone else before the retry.
    wafMock
      .on(GetIPSetCommand)
      .resolvesOnce(ipSet(EXISTING, 'token-1'))
      .resolvesOnce(ipSet(EXISTING, 'token-1'))
      .resolves(ipSet([...EXISTING, '172.16.0.1/32', '198.51.100.9/32'], 'token-fresh'));
    const c = ctx();
    const plan = expectChange(await blockSourceIps.plan(c));
    wafMock.on(UpdateIPSetCommand).rejectsOnce(awsError('WAFOptimisticLockException')).resolves({ NextLockToken: 'token-3' });
    const result = await applyChange(blockSourceIps, plan, c);
    const updates = wafMock.commandCalls(UpdateIPSetCommand).map((call) => call.args[0].input);
    expect(updates.map((u) => u.LockToken)).toEqual(['token-1', 'token-fresh']);
    expect(updates[1]?.Addresses).toEqual([...EXISTING, '172.16.0.1/32', '198.51.100.9/32', '203.0.113.7/32']);
    expect(wafMock).toHaveReceivedCommandTimes(GetIPSetCommand, 3);
    expect(result.after).toEqual({ addedAddresses: ['203.0.113.7/32'], addressCount: 5 });
  });

  it('stops without updating when the set read at apply already holds every planned address', async () => {
    givenTopSources();
    const c = ctx();
    const plan = expectChange(await blockSourceIps.plan(c));
    wafMock.on(GetIPSetCommand).resolves(ipSet(['203.0.113.0/24', '198.51.100.9/32'], 'token-fresh'));
    wafMock.on(UpdateIPSetCommand).rejects(awsError('WAFOptimisticLockException'));
    const result = await applyChange(blockSourceIps, plan, c);
    expect(wafMock).toHaveReceivedCommandTimes(UpdateIPSetCommand, 0);
    expect(result.after).toEqual({ addedAddresses: [], addressCount: 2 });
  });

  it(`fails after ${LOCK_CONFLICT_RETRIES} re-reads when the conflict persists`, async () => {
    givenTopSources();
    const c = ctx();
    const plan = expectChange(await blockSourceIps.plan(c));
    wafMock.on(UpdateIPSetCommand).rejects(awsError('WAFOptimisticLockException'));
    await expect(applyChange(blockSourceIps, plan, c)).rejects.toMatchObject({ name: 'WAFOptimisticLockException' });
    expect(wafMock).toHaveReceivedCommandTimes(UpdateIPSetCommand, LOCK_CONFLICT_RETRIES + 1);
    expect(wafMock).toHaveReceivedCommandTimes(GetIPSetCommand, 1 + LOCK_CONFLICT_RETRIES + 1);
  });

  it('fails when UpdateIPSet is denied, without reading again after the failure', async () => {
    givenTopSources();
    const c = ctx();
    const plan = expectChange(await blockSourceIps.plan(c));
    wafMock.on(UpdateIPSetCommand).rejects(awsError('AccessDeniedException'));
    await expect(applyChange(blockSourceIps, plan, c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls.at(-1)).toMatchObject({ operation: 'UpdateIPSet', mutating: true, ok: false, attempts: 1 });
    expect(wafMock).toHaveReceivedCommandTimes(GetIPSetCommand, 2);
  });

  it('calls a CLOUDFRONT-scoped IP set through the us-east-1 client', async () => {
    givenTopSources();
    wafMock.on(UpdateIPSetCommand).resolves({});
    const c = ctx({ props: { wafIpSet: { ...WAF_IP_SET, scope: 'CLOUDFRONT' } } });
    await applyChange(blockSourceIps, expectChange(await blockSourceIps.plan(c)), c);
    expect(wafMock).toHaveReceivedCommandWith(UpdateIPSetCommand, { Scope: 'CLOUDFRONT' });
    const clients = wafMock.send.getCalls().map((call) => call.thisValue as unknown);
    expect(clients).toEqual([wafv2ClientFor('CLOUDFRONT'), wafv2ClientFor('CLOUDFRONT'), wafv2ClientFor('CLOUDFRONT')]);
    expect(clients[0]).not.toBe(wafv2Client());
  });
});
