import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { contextBudget } from '../../../lambdas/context/budget';
import { recentChanges } from '../../../lambdas/context/recent-changes';
import type { AwsCallRecord } from '../../../lambdas/core/record';
import type { Target } from '../../../lib/catalogue';
import { DEFAULT_CAPS } from '../../../lib/catalogue';

const cloudtrail = mockClient(CloudTrailClient);
afterEach(() => cloudtrail.reset());

const NOW = new Date('2026-11-23T03:20:00.000Z');
const FN: Target = { type: 'lambda', key: 'rung-api-prod', system: 'rung', props: { name: 'rung-api-prod', alias: 'prod' }, caps: DEFAULT_CAPS, guarded: [] };
const ROLE = 'arn:aws:sts::123456789012:assumed-role/deployer/alice';

const memoryEvent = (id: string, time: string, memorySize: number) => ({
  EventId: id,
  EventName: 'UpdateFunctionConfiguration20150331v2',
  EventSource: 'lambda.amazonaws.com',
  EventTime: new Date(time),
  Username: 'alice',
  ReadOnly: 'false',
  CloudTrailEvent: JSON.stringify({
    eventName: 'UpdateFunctionConfiguration20150331v2',
    eventSource: 'lambda.amazonaws.com',
    eventTime: time,
    userIdentity: { type: 'AssumedRole', arn: ROLE },
    requestParameters: { functionName: `arn:aws:lambda:us-east-1:123456789012:function:rung-api-prod`, memorySize },
  }),
});

async function read(events: unknown[], nextToken?: string) {
  cloudtrail.on(LookupEventsCommand).resolves({ Events: events as never, NextToken: nextToken });
  const calls: AwsCallRecord[] = [];
  const budget = contextBudget({ budgetMs: 2000, calls });
  try {
    return { result: await recentChanges(FN, budget, NOW, 60), calls };
  } finally {
    budget.close();
  }
}

describe('recent changes', () => {
  it('asks CloudTrail once, by the resource name, over the last window', async () => {
    await read([]);
    expect(cloudtrail).toHaveReceivedCommandTimes(LookupEventsCommand, 1);
    expect(cloudtrail).toHaveReceivedCommandWith(LookupEventsCommand, {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'rung-api-prod' }],
      StartTime: new Date('2026-11-23T02:20:00.000Z'),
      EndTime: NOW,
      MaxResults: 50,
    });
  });

  it('lists who changed what and when, oldest first, read-only events left out, the previous value from the earlier event', async () => {
    const { result } = await read([
      memoryEvent('e2', '2026-11-23T03:05:00Z', 512),
      { EventId: 'r1', EventName: 'GetFunction20150331v2', EventSource: 'lambda.amazonaws.com', EventTime: new Date('2026-11-23T03:06:00Z'), ReadOnly: 'true' },
      memoryEvent('e1', '2026-11-23T02:40:00Z', 1024),
    ]);
    expect(result.changes).toEqual([
      { resource: 'rung-api-prod', time: '2026-11-23T02:40:00.000Z', event: 'UpdateFunctionConfiguration20150331v2', source: 'lambda.amazonaws.com', who: ROLE, eventId: 'e1', changed: { setting: 'MemorySize', to: 1024 } },
      {
        resource: 'rung-api-prod',
        time: '2026-11-23T03:05:00.000Z',
        event: 'UpdateFunctionConfiguration20150331v2',
        source: 'lambda.amazonaws.com',
        who: ROLE,
        eventId: 'e2',
        changed: { setting: 'MemorySize', from: 1024, to: 512, fromSource: 'an earlier CloudTrail event (e1, 2026-11-23T02:40:00.000Z)' },
      },
    ]);
    expect(result.truncated).toBe(false);
  });

  it('names an event whose CloudTrailEvent does not validate (the field and the value), never guesses', async () => {
    const broken = { ...memoryEvent('e3', '2026-11-23T03:05:00Z', 512), CloudTrailEvent: JSON.stringify({ eventName: 7 }) };
    const { result } = await read([broken]);
    expect(result.changes).toEqual([]);
    expect(result.unreadable).toEqual(['event e3 (UpdateFunctionConfiguration20150331v2): CloudTrailEvent.eventName must be a non-empty string, got 7']);
  });

  it('says when the window holds more than one page', async () => {
    const { result } = await read([], 'more');
    expect(result.truncated).toBe(true);
  });
});
