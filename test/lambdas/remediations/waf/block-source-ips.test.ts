import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand, StopQueryCommand, type ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { GetIPSetCommand, UpdateIPSetCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { wafv2Client, wafv2ClientFor } from '../../../../lambdas/runtime/clients/wafv2';
import { blockSourceIps, LOCK_CONFLICT_RETRIES } from '../../../../lambdas/remediations/waf/block-source-ips';
import { pollPolicy } from '../../../../lambdas/remediations/waf/top-source-ips';
import { awsError, expectChange, expectNoOp, expectOnlyReads, logGroupTarget, serviceContext, WAF_IP_SET } from '../service-fixtures';
import { EXISTING, ipSet, row, TOP_ROWS } from '../waf-fixtures';
import { applyChange } from '../../../../lambdas/core/run';

const logsMock = mockClient(CloudWatchLogsClient);
const wafMock = mockClient(WAFV2Client);

function givenTopSources(rows: ResultField[][] = TOP_ROWS, existing: string[] = EXISTING) {
  logsMock.on(StartQueryCommand).resolves({ queryId: 'q-1' });
  logsMock.on(GetQueryResultsCommand).resolvesOnce({ status: 'Running' }).resolves({ status: 'Complete', results: rows });
  wafMock.on(GetIPSetCommand).resolves(ipSet(existing, 'token-1'));
}

const ctx = (o: Parameters<typeof logGroupTarget>[0] = {}) => serviceContext(logGroupTarget(o), 'auth-failures');

beforeEach(() => {
  logsMock.reset();
  wafMock.reset();
  retryPolicy.baseDelayMs = 0;
  pollPolicy.intervalMs = 0;
  pollPolicy.maxPolls = 20;
});

describe('block-source-ips plan', () => {
  it('queries the alarm window, keeps valid IPv4 sources with enough hits not yet covered, and changes nothing', async () => {
    givenTopSources();
    const c = ctx();
    const plan = expectChange(await blockSourceIps.plan(c));
    expect(logsMock).toHaveReceivedCommandWith(StartQueryCommand, {
      logGroupName: '/rung/audit/prod',
      startTime: Date.parse('2026-03-01T11:45:00Z') / 1000,
      endTime: Date.parse('2026-03-01T11:55:00Z') / 1000,
      queryString: 'fields @timestamp, sourceIp | filter ispresent(sourceIp) | stats count(*) as hits by sourceIp | sort hits desc | limit 10',
    });
    expect(logsMock).toHaveReceivedCommandWith(GetQueryResultsCommand, { queryId: 'q-1' });
    expect(wafMock).toHaveReceivedCommandWith(GetIPSetCommand, { Name: WAF_IP_SET.name, Id: WAF_IP_SET.id, Scope: 'REGIONAL' });
    expect(plan.before).toEqual({
      logGroupName: '/rung/audit/prod',
      addressCount: 2,
      topSources: [
        { ip: '203.0.113.7', hits: 40 },
        { ip: '2001:db8::1', hits: 30 },
        { ip: '198.51.100.9', hits: 12 },
        { ip: '192.0.2.44', hits: 9 },
        { ip: '203.0.113.99', hits: 3 },
      ],
    });
    expect(plan.params).toMatchObject({
      newAddresses: ['203.0.113.7/32', '198.51.100.9/32'],
      scope: 'REGIONAL',
    });
    // The whole set (up to 10,000 addresses) would bloat the record: apply re-reads it.
    expect(plan.params).not.toHaveProperty('addresses');
    expect(plan.after).toEqual({ addedAddresses: ['203.0.113.7/32', '198.51.100.9/32'], addressCount: 4 });
    expectOnlyReads(c);
    expect(wafMock).not.toHaveReceivedCommand(UpdateIPSetCommand);
  });

  it('does nothing without a WAF IP set, before querying anything', async () => {
    const c = ctx({ props: { wafIpSet: undefined } });
    const plan = expectNoOp(await blockSourceIps.plan(c));
    expect(plan.reason).toBe('no WAF IP set configured for this log group');
    expect(c.calls).toEqual([]);
  });

  it('refuses a source IP field that is not a plain field name, before querying', async () => {
    const plan = expectNoOp(await blockSourceIps.plan(ctx({ props: { sourceIpField: 'ip | display @message' } })));
    expect(plan.reason).toContain('is not a plain Logs Insights field name');
    expect(logsMock).not.toHaveReceivedCommand(StartQueryCommand);
  });

  it('does nothing when the query fails', async () => {
    logsMock.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logsMock.on(GetQueryResultsCommand).resolves({ status: 'Failed' });
    expect(expectNoOp(await blockSourceIps.plan(ctx())).reason).toBe('Logs Insights query q-1 ended with status Failed');
    expect(wafMock).not.toHaveReceivedCommand(GetIPSetCommand);
  });

  it('stops polling after maxPolls and stops the query', async () => {
    pollPolicy.maxPolls = 3;
    logsMock.on(StartQueryCommand).resolves({ queryId: 'q-1' });
    logsMock.on(GetQueryResultsCommand).resolves({ status: 'Running' });
    const c = ctx();
    expect(expectNoOp(await blockSourceIps.plan(c)).reason).toBe('Logs Insights query q-1 did not complete within 3 polls');
    expect(logsMock).toHaveReceivedCommandTimes(GetQueryResultsCommand, 3);
    expect(logsMock).toHaveReceivedCommandWith(StopQueryCommand, { queryId: 'q-1' });
    expectOnlyReads(c);
  });

  it('does nothing when every top source is already blocked or below the threshold', async () => {
    givenTopSources([row('192.0.2.44', 100), row('203.0.113.99', 4)]);
    expect(expectNoOp(await blockSourceIps.plan(ctx())).reason).toContain('no new IPV4 source with at least 5 hits');
  });

  it("refuses to pass WAF's limit of 10,000 addresses", async () => {
    const full = [...EXISTING, ...Array.from({ length: 9_997 }, (_, i) => `10.1.${Math.floor(i / 256)}.${i % 256}/32`)];
    givenTopSources(TOP_ROWS, full);
    expect(expectNoOp(await blockSourceIps.plan(ctx())).reason).toContain("10001 in IP set rung-blocked-sources, over WAF's limit of 10000");
  });

  it('retries a throttled GetIPSet', async () => {
    givenTopSources();
    wafMock.on(GetIPSetCommand).rejectsOnce(awsError('ThrottlingException')).resolves(ipSet(EXISTING, 't'));
    const c = ctx();
    expectChange(await blockSourceIps.plan(c));
    expect(c.calls.find((x) => x.operation === 'GetIPSet')).toMatchObject({ ok: true, attempts: 2 });
  });

  it('fails when StartQuery is denied, recording the failed call', async () => {
    logsMock.on(StartQueryCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    await expect(blockSourceIps.plan(c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls).toEqual([expect.objectContaining({ operation: 'StartQuery', mutating: false, ok: false, attempts: 1 })]);
  });
});

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
    expect(clients[0]).not.toBe(wafv2Client);
  });
});
