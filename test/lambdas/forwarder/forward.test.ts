import { gzipSync } from 'node:zlib';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { centralStreamName, decodeSubscriptionData, forwardRecords, type SubscriptionData } from '../../../lambdas/forwarder/forward';

const logsMock = mockClient(CloudWatchLogsClient);
const GROUP = '/alert-responder/ar/all-accounts/remediations';
// A record as a responder writes it, with characters that must survive byte for byte.
const RECORD = JSON.stringify({ recordType: 'notification', recordId: 'r-1', alarm: { name: 'ar-rung-high-latency-rung-api-prod' }, reason: 'caf\u00e9 \\u2028 "quoted"' });

function data(overrides: Partial<SubscriptionData> = {}): SubscriptionData {
  return {
    messageType: 'DATA_MESSAGE',
    owner: '111111111111',
    logGroup: '/alert-responder/ar/remediations',
    logStream: '2026/12/03/lambda/5f0c',
    subscriptionFilters: ['ar-records-eu-west-1'],
    logEvents: [
      { id: '2', timestamp: 1_764_700_000_500, message: `${RECORD} ` },
      { id: '1', timestamp: 1_764_700_000_000, message: RECORD },
    ],
    ...overrides,
  };
}

const encode = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');
const record = (value: unknown, sequenceNumber: string) => ({ kinesis: { data: encode(value), sequenceNumber } });

function deps(skipped: string[] = []) {
  return { client: new CloudWatchLogsClient({}), logGroupName: GROUP, created: new Set<string>(), onSkip: (seq: string) => void skipped.push(seq) };
}

beforeEach(() => {
  logsMock.reset();
  logsMock.on(CreateLogStreamCommand).resolves({});
  logsMock.on(PutLogEventsCommand).resolves({});
});

describe('the records forwarder', () => {
  it('writes each record unchanged, in time order, to a stream named after its account, region and stream', async () => {
    const result = await forwardRecords([record(data(), 's-1')], deps());

    expect(result).toEqual({ forwarded: 2, batchItemFailures: [] });
    expect(logsMock).toHaveReceivedCommandWith(CreateLogStreamCommand, { logGroupName: GROUP, logStreamName: '111111111111/eu-west-1/2026/12/03/lambda/5f0c' });
    const put = logsMock.commandCalls(PutLogEventsCommand)[0]?.args[0].input;
    expect(put?.logGroupName).toBe(GROUP);
    expect(put?.logStreamName).toBe('111111111111/eu-west-1/2026/12/03/lambda/5f0c');
    expect(put?.logEvents).toEqual([
      { timestamp: 1_764_700_000_000, message: RECORD },
      { timestamp: 1_764_700_000_500, message: `${RECORD} ` },
    ]);
  });

  it('creates a stream once per container, and skips control messages', async () => {
    const d = deps();
    await forwardRecords([record(data(), 's-1'), record(data({ messageType: 'CONTROL_MESSAGE', logEvents: [] }), 's-2'), record(data(), 's-3')], d);

    expect(logsMock.commandCalls(CreateLogStreamCommand)).toHaveLength(1);
    expect(logsMock.commandCalls(PutLogEventsCommand)).toHaveLength(2);
  });

  it('fails when a write fails: reports that record, so Kinesis retries from it, and writes nothing after it', async () => {
    logsMock.on(PutLogEventsCommand).rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })).resolves({});

    const result = await forwardRecords([record(data(), 's-1'), record(data(), 's-2')], deps());

    expect(result).toEqual({ forwarded: 0, batchItemFailures: [{ itemIdentifier: 's-1' }] });
    expect(logsMock.commandCalls(PutLogEventsCommand)).toHaveLength(1);
  });

  it('skips a record that is not subscription data, and goes on', async () => {
    const skipped: string[] = [];
    const garbage = { kinesis: { data: Buffer.from('not gzip').toString('base64'), sequenceNumber: 's-bad' } };

    const result = await forwardRecords([garbage, record(data(), 's-2')], deps(skipped));

    expect(skipped).toEqual(['s-bad']);
    expect(result.forwarded).toBe(2);
  });

  it('fails to decode JSON that is not subscription data, naming the field', () => {
    expect(() => decodeSubscriptionData(encode({ ...data(), owner: 12 }))).toThrow(/owner/);
  });

  it('names the stream of an unknown filter with "unknown-region" and without ":" or "*"', () => {
    expect(centralStreamName(data({ subscriptionFilters: ['other'], logStream: 'a:b*c' }))).toBe('111111111111/unknown-region/a_b_c');
  });
});
