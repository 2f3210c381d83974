import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import {
  DEFAULT_ONDEMAND_SWITCH_MIN_INTERVAL_HOURS,
  onDemandSwitchPolicy,
  parseSwitchIntervalHours,
  switchDynamodbOnDemand,
} from '../../../../lambdas/remediations/dynamodb/switch-dynamodb-on-demand';
import { awsError, dynamodbTarget, expectChange, expectNoOp, expectOnlyReads, NOW, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const ddbMock = mockClient(DynamoDBClient);
const TABLE = 'ai-lifestyle-app-goals-prod';
const hoursBeforeNow = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

function provisionedTable(overrides: Partial<TableDescription> = {}): TableDescription {
  return {
    TableName: TABLE,
    TableStatus: 'ACTIVE',
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 },
    ...overrides,
  };
}

const ctx = () => serviceContext(dynamodbTarget(), 'dynamodb-throttling');

beforeEach(() => {
  ddbMock.reset();
  retryPolicy.baseDelayMs = 0;
  onDemandSwitchPolicy.minIntervalHours = DEFAULT_ONDEMAND_SWITCH_MIN_INTERVAL_HOURS;
});

describe('switch-dynamodb-on-demand plan', () => {
  it('plans the switch for a PROVISIONED table without BillingModeSummary, recording the capacity an undo needs', async () => {
    ddbMock.on(DescribeTableCommand, { TableName: TABLE }).resolves({ Table: provisionedTable() });
    const c = ctx();
    const plan = expectChange(await switchDynamodbOnDemand.plan(c));
    expect(plan.resource).toBe(TABLE);
    expect(plan.before).toEqual({
      tableStatus: 'ACTIVE',
      billingMode: 'PROVISIONED',
      readCapacityUnits: 5,
      writeCapacityUnits: 10,
      globalSecondaryIndexes: [],
      lastSwitchToOnDemand: null,
    });
    expect(plan.after).toEqual({ billingMode: 'PAY_PER_REQUEST' });
    expect(plan.params).toEqual({ tableName: TABLE, billingMode: 'PAY_PER_REQUEST' });
    expectOnlyReads(c);
    expect(ddbMock).not.toHaveReceivedCommand(UpdateTableCommand);
  });

  it('records the capacity of each global secondary index', async () => {
    ddbMock.on(DescribeTableCommand).resolves({
      Table: provisionedTable({
        BillingModeSummary: { BillingMode: 'PROVISIONED' },
        GlobalSecondaryIndexes: [{ IndexName: 'by-user', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 } }],
      }),
    });
    const plan = expectChange(await switchDynamodbOnDemand.plan(ctx()));
    expect(plan.before.globalSecondaryIndexes).toEqual([{ indexName: 'by-user', readCapacityUnits: 3, writeCapacityUnits: 4 }]);
  });

  it('does nothing while the table is not ACTIVE', async () => {
    ddbMock.on(DescribeTableCommand).resolves({ Table: provisionedTable({ TableStatus: 'UPDATING' }) });
    const plan = expectNoOp(await switchDynamodbOnDemand.plan(ctx()));
    expect(plan.reason).toBe('table status is UPDATING; billing mode can only change on an ACTIVE table');
  });

  it('does nothing when the table is already on-demand', async () => {
    ddbMock.on(DescribeTableCommand).resolves({
      Table: provisionedTable({ BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: hoursBeforeNow(30) } }),
    });
    const plan = expectNoOp(await switchDynamodbOnDemand.plan(ctx()));
    expect(plan.reason).toBe('table is already on-demand (PAY_PER_REQUEST)');
  });
});

describe('switch-dynamodb-on-demand switch budget', () => {
  const switchedBack = (hoursAgo: number) =>
    provisionedTable({ BillingModeSummary: { BillingMode: 'PROVISIONED', LastUpdateToPayPerRequestDateTime: hoursBeforeNow(hoursAgo) } });

  it('does nothing when the last switch to on-demand was within the minimum interval, naming the time and the budget', async () => {
    ddbMock.on(DescribeTableCommand).resolves({ Table: switchedBack(2) });
    const plan = expectNoOp(await switchDynamodbOnDemand.plan(ctx()));
    expect(plan.reason).toContain('2026-03-01T10:00:00.000Z');
    expect(plan.reason).toContain('6 h minimum interval');
    expect(plan.reason).toContain('next switch allowed after 2026-03-01T16:00:00.000Z');
    expect(ddbMock).not.toHaveReceivedCommand(UpdateTableCommand);
  });

  it('plans the switch once the minimum interval has passed', async () => {
    ddbMock.on(DescribeTableCommand).resolves({ Table: switchedBack(7) });
    const plan = expectChange(await switchDynamodbOnDemand.plan(ctx()));
    expect(plan.before.lastSwitchToOnDemand).toBe('2026-03-01T05:00:00.000Z');
  });

  it('honours a 24 h interval, the budget of one switch a day that older documents give', async () => {
    onDemandSwitchPolicy.minIntervalHours = 24;
    ddbMock.on(DescribeTableCommand).resolves({ Table: switchedBack(7) });
    expect(expectNoOp(await switchDynamodbOnDemand.plan(ctx())).reason).toContain('24 h minimum interval');
  });
});

describe('ONDEMAND_SWITCH_MIN_INTERVAL_HOURS', () => {
  it('defaults to 6 hours (24 h / 4 switches) and accepts 0 to 24', () => {
    expect(parseSwitchIntervalHours(undefined)).toBe(6);
    expect(parseSwitchIntervalHours('')).toBe(6);
    expect(parseSwitchIntervalHours('0')).toBe(0);
    expect(parseSwitchIntervalHours('24')).toBe(24);
    expect(parseSwitchIntervalHours('1.5')).toBe(1.5);
  });

  it.each(['-1', '25', 'six', 'NaN'])('fails when it is %s, naming the value', (raw) => {
    expect(() => parseSwitchIntervalHours(raw)).toThrow(`got "${raw}"`);
  });

  it('is read from the environment when the module loads', () => {
    const saved = process.env.ONDEMAND_SWITCH_MIN_INTERVAL_HOURS;
    try {
      process.env.ONDEMAND_SWITCH_MIN_INTERVAL_HOURS = '12';
      jest.isolateModules(() => {
        const mod = require('../../../../lambdas/remediations/dynamodb/switch-dynamodb-on-demand') as typeof import('../../../../lambdas/remediations/dynamodb/switch-dynamodb-on-demand');
        expect(mod.onDemandSwitchPolicy.minIntervalHours).toBe(12);
      });
      process.env.ONDEMAND_SWITCH_MIN_INTERVAL_HOURS = '48';
      jest.isolateModules(() => {
        expect(() => require('../../../../lambdas/remediations/dynamodb/switch-dynamodb-on-demand')).toThrow('from 0 to 24');
      });
    } finally {
      if (saved === undefined) delete process.env.ONDEMAND_SWITCH_MIN_INTERVAL_HOURS;
      else process.env.ONDEMAND_SWITCH_MIN_INTERVAL_HOURS = saved;
    }
  });
});

describe('switch-dynamodb-on-demand apply', () => {
  it('sends UpdateTable with PAY_PER_REQUEST and reports the table status AWS returns', async () => {
    ddbMock.on(DescribeTableCommand).resolves({ Table: provisionedTable() });
    ddbMock.on(UpdateTableCommand).resolves({ TableDescription: { TableName: TABLE, TableStatus: 'UPDATING' } });
    const c = ctx();
    const plan = expectChange(await switchDynamodbOnDemand.plan(c));
    const result = await applyChange(switchDynamodbOnDemand, plan, c);
    expect(ddbMock).toHaveReceivedCommandTimes(UpdateTableCommand, 1);
    expect(ddbMock).toHaveReceivedCommandWith(UpdateTableCommand, { TableName: TABLE, BillingMode: 'PAY_PER_REQUEST' });
    expect(result.after).toEqual({ billingMode: 'PAY_PER_REQUEST', tableStatus: 'UPDATING' });
    expect(c.calls.map((x) => [x.operation, x.mutating])).toEqual([['DescribeTable', false], ['UpdateTable', true]]);
  });

  it('retries a throttled DescribeTable', async () => {
    ddbMock.on(DescribeTableCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ Table: provisionedTable() });
    const c = ctx();
    expectChange(await switchDynamodbOnDemand.plan(c));
    expect(c.calls).toEqual([{ service: 'dynamodb', operation: 'DescribeTable', mutating: false, ok: true, attempts: 2 }]);
  });

  it('fails when UpdateTable is denied, recording the failed call', async () => {
    ddbMock.on(DescribeTableCommand).resolves({ Table: provisionedTable() });
    ddbMock.on(UpdateTableCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    const plan = expectChange(await switchDynamodbOnDemand.plan(c));
    await expect(applyChange(switchDynamodbOnDemand, plan, c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls[1]).toMatchObject({ operation: 'UpdateTable', mutating: true, ok: false, attempts: 1 });
    expect(c.calls[1]?.error).toContain('AccessDeniedException');
  });
});
