import { DescribeTableCommand, UpdateTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { int, list, object, oneOf, str, type Infer } from '../../core/params';
import type { State } from '../../core/state';
import { defineUndo } from '../../core/undo';
import { awsCall } from '../../runtime/aws-call';
import { dynamodbClient } from '../../runtime/clients/dynamodb';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';

const ID = 'switch-dynamodb-on-demand';

/** Provisioned throughput of one global secondary index, as the plan recorded it and the undo restores it. */
const indexCapacity = object({ indexName: str(), readCapacityUnits: int(1), writeCapacityUnits: int(1) });
type IndexCapacity = Infer<typeof indexCapacity>;
const indexCapacities = list(indexCapacity, 'a list of {indexName, readCapacityUnits, writeCapacityUnits}');

/** Provisioned throughput of the table (indexName null) or of one global secondary index. */
interface Capacity {
  readonly indexName: string | null;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

/** The table as it is now, in the same shape. */
function currentCapacity(table: TableDescription | undefined): { table: Capacity; indexes: IndexCapacity[] } {
  const throughput = (t: { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined) => ({
    readCapacityUnits: t?.ReadCapacityUnits ?? 0,
    writeCapacityUnits: t?.WriteCapacityUnits ?? 0,
  });
  return {
    table: { indexName: null, ...throughput(table?.ProvisionedThroughput) },
    indexes: (table?.GlobalSecondaryIndexes ?? []).map((gsi) => ({ indexName: gsi.IndexName ?? '', ...throughput(gsi.ProvisionedThroughput) })),
  };
}

const byName = (a: IndexCapacity, b: IndexCapacity) => a.indexName.localeCompare(b.indexName);
const text = (c: Capacity) => `${c.indexName === null ? '' : `index ${c.indexName} `}${c.readCapacityUnits} RCU / ${c.writeCapacityUnits} WCU`;
/** E.g. `PROVISIONED (5 RCU / 10 WCU; index by-user 3 RCU / 4 WCU)`, indexes by name so two readings compare as text. */
const provisioned = (table: Capacity, indexes: readonly IndexCapacity[]) => `PROVISIONED (${[table, ...[...indexes].sort(byName)].map(text).join('; ')})`;
const names = (indexes: readonly IndexCapacity[]) => indexes.map((i) => i.indexName).sort().join(', ');

/**
 * Switches the table back to PROVISIONED with the capacity it had before, table and indexes
 * alike (AWS requires both, and allows this direction at any time).
 */
export const undoSwitchDynamodbOnDemand = defineUndo('dynamodb', {
  // What the switch recorded before it: the capacity to go back to, table and indexes.
  recorded: object({
    params: object({ tableName: str() }),
    before: object({ billingMode: oneOf('PROVISIONED'), readCapacityUnits: int(1), writeCapacityUnits: int(1), globalSecondaryIndexes: indexCapacities }),
    after: object({ billingMode: str() }),
  }),
  params: object({ tableName: str(), readCapacityUnits: int(1), writeCapacityUnits: int(1), globalSecondaryIndexes: indexCapacities }),

  async plan({ params: { tableName }, before: recorded, after: { billingMode: left } }, action, ctx) {
    const previous = {
      table: { indexName: null, readCapacityUnits: recorded.readCapacityUnits, writeCapacityUnits: recorded.writeCapacityUnits },
      indexes: recorded.globalSecondaryIndexes,
    };
    const { Table: table } = await awsCall(ctx.calls, 'dynamodb', 'DescribeTable', () =>
      dynamodbClient().send(new DescribeTableCommand({ TableName: tableName })),
      { mutating: false },
    );
    const status = table?.TableStatus ?? 'UNKNOWN';
    const billingMode = table?.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
    const current = currentCapacity(table);
    const before: State = {
      tableStatus: status,
      billingMode,
      globalSecondaryIndexes: (table?.GlobalSecondaryIndexes ?? []).map((gsi) => ({ indexName: gsi.IndexName ?? null, indexStatus: gsi.IndexStatus ?? null })),
    };
    const what = `billing mode of ${tableName}`;
    const was = provisioned(previous.table, previous.indexes);
    const now = billingMode === 'PROVISIONED' ? provisioned(current.table, current.indexes) : billingMode;
    if (now === was) return undoNoOp(action, before, alreadyRestored(what, was));
    if (billingMode !== left) return undoNoOp(action, before, movedOn(what, now, left, was));
    if (names(current.indexes) !== names(previous.indexes)) {
      const reason = `the global secondary indexes of ${tableName} changed since the switch (now: ${names(current.indexes) || 'none'}; before: ${names(previous.indexes) || 'none'}): the capacity to give each index is not known, so the undo leaves the table alone`;
      return undoNoOp(action, before, reason);
    }
    const busy = (table?.GlobalSecondaryIndexes ?? []).filter((gsi) => gsi.IndexStatus !== 'ACTIVE').map((gsi) => gsi.IndexName ?? '');
    if (status !== 'ACTIVE' || busy.length > 0) {
      const why = status !== 'ACTIVE' ? `table status is ${status}` : `index ${busy.join(', ')} is not ACTIVE`;
      return undoNoOp(action, before, `${why}; billing mode can only change on an ACTIVE table with ACTIVE indexes: try again later`);
    }
    return {
      kind: 'change',
      remediation: ID,
      resource: action.resource,
      summary: `undo: switch ${tableName} back from on-demand to ${was}`,
      before,
      after: { billingMode: 'PROVISIONED', readCapacityUnits: previous.table.readCapacityUnits, writeCapacityUnits: previous.table.writeCapacityUnits },
      params: {
        tableName,
        readCapacityUnits: previous.table.readCapacityUnits,
        writeCapacityUnits: previous.table.writeCapacityUnits,
        globalSecondaryIndexes: previous.indexes.map((i) => ({ ...i })),
      },
    };
  },

  async apply({ tableName, readCapacityUnits: ReadCapacityUnits, writeCapacityUnits: WriteCapacityUnits, globalSecondaryIndexes: indexes }, ctx) {
    const updates = indexes.map((i) => ({
      Update: { IndexName: i.indexName, ProvisionedThroughput: { ReadCapacityUnits: i.readCapacityUnits, WriteCapacityUnits: i.writeCapacityUnits } },
    }));
    const { TableDescription: table } = await awsCall(ctx.calls, 'dynamodb', 'UpdateTable', () =>
      dynamodbClient().send(
        new UpdateTableCommand({
          TableName: tableName,
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits, WriteCapacityUnits },
          // Every index needs its capacity when a table goes PROVISIONED; a table without indexes sends none.
          GlobalSecondaryIndexUpdates: updates.length > 0 ? updates : undefined,
        }),
      ),
      // Absolute: a repeat asks for the same mode and capacity.
      { mutating: true, idempotent: true },
    );
    const tableStatus = table?.TableStatus ?? null;
    return {
      after: { billingMode: 'PROVISIONED', readCapacityUnits: ReadCapacityUnits, writeCapacityUnits: WriteCapacityUnits, tableStatus },
      summary: `${tableName} switching back to PROVISIONED, ${ReadCapacityUnits} RCU / ${WriteCapacityUnits} WCU (table status ${tableStatus ?? 'unknown'})`,
    };
  },
});
