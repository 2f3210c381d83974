import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { switchDynamodbOnDemand } from '../../../../lambdas/remediations/dynamodb/switch-dynamodb-on-demand';
import { ParamsError } from '../../../../lambdas/core/params';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { dynamodbTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const ddbMock = mockClient(DynamoDBClient);
const TABLE = 'ai-lifestyle-app-goals-prod';
const ctx = () => serviceContext(dynamodbTarget(), 'dynamodb-throttling');

const gsi = (name: string, r: number, w: number, status: 'ACTIVE' | 'UPDATING' = 'ACTIVE') => ({
  IndexName: name,
  IndexStatus: status,
  ProvisionedThroughput: { ReadCapacityUnits: r, WriteCapacityUnits: w },
});

/** The table before the switch: 5 RCU / 10 WCU, and its by-user index 3 / 4. */
const PROVISIONED: TableDescription = {
  TableName: TABLE,
  TableStatus: 'ACTIVE',
  BillingModeSummary: { BillingMode: 'PROVISIONED' },
  ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 },
  GlobalSecondaryIndexes: [gsi('by-user', 3, 4)],
};

/** The table as the switch left it: on-demand reports 0 capacity. */
const ON_DEMAND: TableDescription = {
  ...PROVISIONED,
  BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: new Date('2026-03-01T12:00:00Z') },
  ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
  GlobalSecondaryIndexes: [gsi('by-user', 0, 0)],
};

const givenTable = (table: TableDescription) => ddbMock.on(DescribeTableCommand, { TableName: TABLE }).resolves({ Table: table });

/** Switches the table to on-demand as the responder would. */
async function switched(table: TableDescription = PROVISIONED): Promise<AppliedAction> {
  givenTable(table);
  ddbMock.on(UpdateTableCommand).resolves({ TableDescription: { TableStatus: 'UPDATING' } });
  const c = ctx();
  const plan = expectChange(await switchDynamodbOnDemand.plan(c));
  const action = appliedAction(plan, await applyChange(switchDynamodbOnDemand, plan, c));
  ddbMock.reset();
  return action;
}

beforeEach(() => {
  ddbMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('switch-dynamodb-on-demand undo', () => {
  it('switches back to the recorded capacity of the table and each index, reading only until apply', async () => {
    const action = await switched();
    givenTable(ON_DEMAND);
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(switchDynamodbOnDemand, action, c));

    expect(plan.summary).toBe(`undo: switch ${TABLE} back from on-demand to PROVISIONED (5 RCU / 10 WCU; index by-user 3 RCU / 4 WCU)`);
    expect(plan.after).toEqual({ billingMode: 'PROVISIONED', readCapacityUnits: 5, writeCapacityUnits: 10 });
    expectOnlyReads(c);
    expect(ddbMock).not.toHaveReceivedCommand(UpdateTableCommand);

    ddbMock.on(UpdateTableCommand).resolves({ TableDescription: { TableStatus: 'UPDATING' } });
    const result = await applyUndo(switchDynamodbOnDemand, plan, c);
    expect(inputsOf(ddbMock.commandCalls(UpdateTableCommand))).toEqual([
      {
        TableName: TABLE,
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 },
        GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'by-user', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 } } }],
      },
    ]);
    expect(result.after).toEqual({ billingMode: 'PROVISIONED', readCapacityUnits: 5, writeCapacityUnits: 10, tableStatus: 'UPDATING' });
  });

  it('sends no index updates for a table without indexes', async () => {
    const action = await switched({ ...PROVISIONED, GlobalSecondaryIndexes: undefined });
    givenTable({ ...ON_DEMAND, GlobalSecondaryIndexes: undefined });
    const c = freshCalls(ctx());
    const plan = expectChange(await planUndo(switchDynamodbOnDemand, action, c));
    ddbMock.on(UpdateTableCommand).resolves({ TableDescription: { TableStatus: 'UPDATING' } });

    await applyUndo(switchDynamodbOnDemand, plan, c);

    expect(inputsOf(ddbMock.commandCalls(UpdateTableCommand))).toEqual([
      { TableName: TABLE, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10 } },
    ]);
  });

  it('refuses when the table went back to PROVISIONED with other capacity since', async () => {
    const action = await switched();
    givenTable({ ...PROVISIONED, ProvisionedThroughput: { ReadCapacityUnits: 50, WriteCapacityUnits: 50 } });
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(switchDynamodbOnDemand, action, c));

    expect(plan.reason).toContain(
      `billing mode of ${TABLE} is now PROVISIONED (50 RCU / 50 WCU; index by-user 3 RCU / 4 WCU), not the PAY_PER_REQUEST the action left`,
    );
    expectOnlyReads(c);
  });

  it('refuses when the indexes changed since: a new index has no capacity to restore', async () => {
    const action = await switched();
    givenTable({ ...ON_DEMAND, GlobalSecondaryIndexes: [gsi('by-user', 0, 0), gsi('by-date', 0, 0)] });

    const plan = expectNoOp(await planUndo(switchDynamodbOnDemand, action, freshCalls(ctx())));

    expect(plan.reason).toContain('the global secondary indexes of ai-lifestyle-app-goals-prod changed since the switch (now: by-date, by-user; before: by-user)');
  });

  it('plans nothing when already back at the recorded capacity', async () => {
    const action = await switched();
    givenTable(PROVISIONED);

    const plan = expectNoOp(await planUndo(switchDynamodbOnDemand, action, freshCalls(ctx())));

    expect(plan.reason).toBe(
      `billing mode of ${TABLE} is already back at PROVISIONED (5 RCU / 10 WCU; index by-user 3 RCU / 4 WCU), its value before the action: nothing to undo`,
    );
  });

  it.each([
    ['the table is UPDATING', { ...ON_DEMAND, TableStatus: 'UPDATING' as const }, 'table status is UPDATING'],
    ['an index is UPDATING', { ...ON_DEMAND, GlobalSecondaryIndexes: [gsi('by-user', 0, 0, 'UPDATING')] }, 'index by-user is not ACTIVE'],
  ])('waits while %s', async (_, table, why) => {
    const action = await switched();
    givenTable(table);

    const plan = expectNoOp(await planUndo(switchDynamodbOnDemand, action, freshCalls(ctx())));

    expect(plan.reason).toBe(`${why}; billing mode can only change on an ACTIVE table with ACTIVE indexes: try again later`);
  });

  it('fails on a record without the capacity to restore', async () => {
    const action = await switched();

    await expect(planUndo(switchDynamodbOnDemand, { ...action, before: { ...action.before, readCapacityUnits: null } }, freshCalls(ctx()))).rejects.toThrow(ParamsError);
    await expect(planUndo(switchDynamodbOnDemand, { ...action, before: { ...action.before, globalSecondaryIndexes: [{ indexName: 'by-user' }] } }, freshCalls(ctx()))).rejects.toThrow(
      'before.globalSecondaryIndexes[0].readCapacityUnits must be a positive integer, got nothing',
    );
    await expect(planUndo(switchDynamodbOnDemand, { ...action, before: { ...action.before, globalSecondaryIndexes: null } }, freshCalls(ctx()))).rejects.toThrow(
      'before.globalSecondaryIndexes must be a list of {indexName, readCapacityUnits, writeCapacityUnits}, got null',
    );
  });
});
