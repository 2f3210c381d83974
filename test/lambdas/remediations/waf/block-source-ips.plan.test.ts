import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCheckerIpRangesCommand } from '@aws-sdk/client-route-53';
import { GetIPSetCommand, UpdateIPSetCommand } from '@aws-sdk/client-wafv2';
import 'aws-sdk-client-mock-jest';
import { blockSourceIps } from '../../../../lambdas/remediations/waf/block-source-ips';
import { MAX_PAGES } from '../../../../lambdas/remediations/waf/failing-sources';
import { awsError, expectChange, expectNoOp, expectOnlyReads, STATE_CHANGE_TIME, WAF_IP_SET } from '../service-fixtures';
import { auditEvent, EXISTING, FAILED_LOGIN } from '../waf-fixtures';
import { cwMock, givenAws, logsMock, resetWafMocks, route53Mock, wafContext, wafMock } from './waf-mocks';

const ALARM = 'rung-auth-failures-rung-audit';
const repeat = (n: number, ip: string, action: 'login_failed' | 'login_succeeded' = 'login_failed') => Array.from({ length: n }, () => auditEvent(ip, action));

beforeEach(resetWafMocks);

describe('block-source-ips plan', () => {
  describe('whom it blocks (issue 11 item 8)', () => {
    it("counts only the failing requests, by the alert's own filter pattern: a source seen only in successful requests is not blocked", async () => {
      givenAws();
      const c = wafContext();
      const plan = expectChange(await blockSourceIps.plan(c));
      expect(logsMock).toHaveReceivedCommandWith(FilterLogEventsCommand, { logGroupName: '/rung/audit/prod', filterPattern: FAILED_LOGIN });
      expect(plan.params).toMatchObject({ newAddresses: ['203.0.113.7/32', '198.51.100.9/32'], scope: 'REGIONAL' });
      expect(JSON.stringify(plan)).not.toContain('198.51.100.50');
      expect(plan.before).toMatchObject({
        logGroupName: '/rung/audit/prod',
        filterPattern: FAILED_LOGIN,
        addressCount: 2,
        failingSources: [
          { ip: '203.0.113.7', hits: 40 },
          { ip: '2001:db8::1', hits: 30 },
          { ip: '198.51.100.9', hits: 12 },
          { ip: '192.0.2.44', hits: 9 },
          { ip: '203.0.113.99', hits: 3 },
        ],
        scan: { events: 144, withoutSource: 50, complete: true },
      });
      // The whole set (up to 10,000 addresses) would bloat the record: apply re-reads it.
      expect(plan.params).not.toHaveProperty('addresses');
      expect(plan.after).toEqual({ addedAddresses: ['203.0.113.7/32', '198.51.100.9/32'], addressCount: 4 });
      expectOnlyReads(c);
      expect(wafMock).not.toHaveReceivedCommand(UpdateIPSetCommand);
    });

    it('never blocks a configured allowCidrs range, a Route 53 health checker or a private, loopback or link-local address', async () => {
      givenAws({
        events: [
          ...repeat(30, '198.51.100.9'), // our NAT gateway, configured
          ...repeat(25, '15.177.12.34'), // a Route 53 health checker
          ...repeat(20, '10.0.3.7'),
          ...repeat(20, '::ffff:172.16.0.9'), // private, written as IPv4-mapped IPv6
          ...repeat(15, '127.0.0.1'),
          ...repeat(15, '169.254.169.254'),
          ...repeat(12, '203.0.113.7'),
        ],
      });
      const c = wafContext({ props: { wafIpSet: { ...WAF_IP_SET, allowCidrs: ['198.51.100.0/24', '2001:db8::/32'] } } });
      const plan = expectChange(await blockSourceIps.plan(c));
      expect(plan.params).toMatchObject({ newAddresses: ['203.0.113.7/32'] });
      expect(plan.before).toMatchObject({
        neverBlocked: [
          { ip: '198.51.100.9', hits: 30, why: 'allowCidrs 198.51.100.0/24' },
          { ip: '15.177.12.34', hits: 25, why: 'Route 53 health checker' },
          { ip: '10.0.3.7', hits: 20, why: 'private (RFC 1918)' },
          { ip: '172.16.0.9', hits: 20, why: 'private (RFC 1918)' },
          { ip: '127.0.0.1', hits: 15, why: 'loopback' },
          { ip: '169.254.169.254', hits: 15, why: 'link-local' },
        ],
      });
    });

    it('does nothing when every failing source is allowed, and says which range holds each', async () => {
      givenAws({ events: repeat(30, '198.51.100.9') });
      const c = wafContext({ props: { wafIpSet: { ...WAF_IP_SET, allowCidrs: ['198.51.100.0/24'] } } });
      const plan = expectNoOp(await blockSourceIps.plan(c));
      expect(plan.reason).toContain('198.51.100.9 (30 failing requests, allowCidrs 198.51.100.0/24)');
    });

    it('refuses to block when the health checkers\' ranges cannot be read, before reading any log', async () => {
      givenAws();
      route53Mock.on(GetCheckerIpRangesCommand).rejects(awsError('ServiceUnavailable', 503));
      const c = wafContext();
      await expect(blockSourceIps.plan(c)).rejects.toThrow(/^refusing to block: the Route 53 health checkers' IP ranges could not be read \(ServiceUnavailable/);
      expect(logsMock).not.toHaveReceivedCommand(FilterLogEventsCommand);
      expect(wafMock).not.toHaveReceivedCommand(GetIPSetCommand);
      expect(c.calls.find((x) => x.operation === 'GetCheckerIpRanges')).toMatchObject({ service: 'route53', mutating: false, ok: false });
    });

    it('refuses to block when Route 53 answers with no range', async () => {
      givenAws();
      route53Mock.on(GetCheckerIpRangesCommand).resolves({ CheckerIpRanges: [] });
      await expect(blockSourceIps.plan(wafContext())).rejects.toThrow(/the answer listed no range/);
    });

    it("reads the health checkers' ranges once per container", async () => {
      givenAws();
      await blockSourceIps.plan(wafContext());
      await blockSourceIps.plan(wafContext());
      expect(route53Mock).toHaveReceivedCommandTimes(GetCheckerIpRangesCommand, 1);
    });

    it('counts a source written two ways once, and trusts no list of addresses (X-Forwarded-For)', async () => {
      givenAws({
        events: [
          ...repeat(3, '2001:DB8::7'),
          ...repeat(3, '2001:db8:0:0:0:0:0:7'),
          ...repeat(20, '198.51.100.1, 203.0.113.200'),
          { timestamp: 1, message: 'action "login_failed" from 198.51.100.1, as plain text' },
        ],
      });
      const plan = expectNoOp(await blockSourceIps.plan(wafContext()));
      expect(plan.before).toMatchObject({ failingSources: [{ ip: '2001:db8::7', hits: 6 }], scan: { events: 27, withoutSource: 21 } });
    });

    it('blocks at most 10 new sources per action, most failing requests first', async () => {
      givenAws({ events: Array.from({ length: 12 }, (_, i) => repeat(20 + i, `203.0.113.${i + 1}`)).flat() });
      const plan = expectChange(await blockSourceIps.plan(wafContext()));
      expect(plan.params).toMatchObject({ newAddresses: Array.from({ length: 10 }, (_, i) => `203.0.113.${12 - i}/32`) });
      expect(plan.summary).toContain('2 more left for people');
    });
  });

  describe('over which window (issue 11 item 8)', () => {
    it("reads the alarm's evaluation window from CloudWatch, ending at its state timestamp, not the notification's", async () => {
      givenAws();
      const c = wafContext();
      // What a forged notification could claim: a 5-day window ending in 2031.
      const forged = { ...c, alarm: { ...c.alarm, stateChangeTime: new Date('2031-01-01T00:00:00Z'), periodSeconds: 86_400, evaluationPeriods: 5 }, windowSeconds: 432_000 };
      expectChange(await blockSourceIps.plan(forged));
      expect(cwMock).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmNames: [ALARM], AlarmTypes: ['MetricAlarm'] });
      expect(logsMock).toHaveReceivedCommandWith(FilterLogEventsCommand, {
        startTime: STATE_CHANGE_TIME.getTime() - 600_000,
        endTime: STATE_CHANGE_TIME.getTime(),
      });
    });

    it('caps the window at 60 minutes', async () => {
      givenAws({ alarm: { Period: 3600, EvaluationPeriods: 3 } });
      const plan = expectChange(await blockSourceIps.plan(wafContext()));
      expect(logsMock).toHaveReceivedCommandWith(FilterLogEventsCommand, { startTime: STATE_CHANGE_TIME.getTime() - 3_600_000, endTime: STATE_CHANGE_TIME.getTime() });
      expect(plan.before).toMatchObject({ window: { start: '2026-03-01T10:55:00.000Z', end: '2026-03-01T11:55:00.000Z', seconds: 3600, capped: true } });
    });

    it.each([
      [{ StateValue: 'OK' as const }, 'is OK now: nothing to block'],
      [{ Period: undefined }, 'has no period, evaluation periods or state timestamp'],
    ])('does nothing when the alarm as CloudWatch holds it says %j', async (alarm, reason) => {
      givenAws({ alarm });
      const plan = expectNoOp(await blockSourceIps.plan(wafContext()));
      expect(plan.reason).toContain(reason);
      expect(logsMock).not.toHaveReceivedCommand(FilterLogEventsCommand);
    });

    it('bounds the scan and says when it stopped early', async () => {
      givenAws();
      logsMock.on(FilterLogEventsCommand).resolves({ events: repeat(1, '203.0.113.7'), nextToken: 'more' });
      const plan = expectChange(await blockSourceIps.plan(wafContext()));
      expect(logsMock).toHaveReceivedCommandTimes(FilterLogEventsCommand, MAX_PAGES);
      expect(plan.before).toMatchObject({ scan: { events: MAX_PAGES, complete: false } });
    });
  });

  describe('what else stops it', () => {
    it('does nothing without a WAF IP set, before reading anything', async () => {
      const c = wafContext({ props: { wafIpSet: undefined } });
      expect(expectNoOp(await blockSourceIps.plan(c)).reason).toBe('no WAF IP set configured for this log group');
      expect(c.calls).toEqual([]);
    });

    it('refuses a source IP field that is not a field name or dotted path', async () => {
      givenAws();
      const plan = expectNoOp(await blockSourceIps.plan(wafContext({ props: { sourceIpField: 'ip | display @message' } })));
      expect(plan.reason).toContain('is not a field name or dotted path of a JSON event');
      expect(logsMock).not.toHaveReceivedCommand(FilterLogEventsCommand);
    });

    it('reads a nested field by its dotted path', async () => {
      givenAws({ events: Array.from({ length: 6 }, () => ({ timestamp: 1, message: JSON.stringify({ action: 'login_failed', requestContext: { identity: { sourceIp: '203.0.113.7' } } }) })) });
      const plan = expectChange(await blockSourceIps.plan(wafContext({ props: { sourceIpField: 'requestContext.identity.sourceIp' } })));
      expect(plan.params).toMatchObject({ newAddresses: ['203.0.113.7/32'] });
    });

    it('refuses an empty filter pattern: every event would count as failing', async () => {
      givenAws();
      const plan = expectNoOp(await blockSourceIps.plan(wafContext({ props: { filterPattern: '' } })));
      expect(plan.reason).toContain("filter pattern on /rung/audit/prod is empty");
    });

    it('does nothing when every failing source is already blocked or below the threshold', async () => {
      givenAws({ events: [...repeat(100, '192.0.2.44'), ...repeat(4, '203.0.113.99')] });
      expect(expectNoOp(await blockSourceIps.plan(wafContext())).reason).toContain('no new IPV4 source with at least 5 failing requests');
    });

    it("refuses to pass WAF's limit of 10,000 addresses", async () => {
      givenAws({ existing: [...EXISTING, ...Array.from({ length: 9_997 }, (_, i) => `10.1.${Math.floor(i / 256)}.${i % 256}/32`)] });
      expect(expectNoOp(await blockSourceIps.plan(wafContext())).reason).toContain("10001 in IP set rung-blocked-sources, over WAF's limit of 10000");
    });

    it('fails when FilterLogEvents is denied, recording the failed call', async () => {
      givenAws();
      logsMock.on(FilterLogEventsCommand).rejects(awsError('AccessDeniedException'));
      const c = wafContext();
      await expect(blockSourceIps.plan(c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
      expect(c.calls.at(-1)).toMatchObject({ operation: 'FilterLogEvents', mutating: false, ok: false, attempts: 1 });
    });
  });
});
