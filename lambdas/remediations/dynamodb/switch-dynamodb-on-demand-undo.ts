import { DescribeTableCommand, UpdateTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import type { RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { dynamodbClient } from '../../runtime/clients/dynamodb';
import { PlanParamsError, stringParam } from '../common/plan-params';
import type { Plan, State, StateValue } from '../../core/remediation';
import { alreadyRestored, AppliedActionError, expectRemediation, movedOn, recordedString, undoNoOp } from '../common/undo-plan';
import type { AppliedAction, Undo } from '../../core/applied-action';

const ID = 'switch-dynamodb-on-demand' satisfies RemediationId;

/** Provisioned throughput of the table (indexName null) or of one global secondary index. */
interface Capacity {
  readonly indexName: string | null;
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}
type IndexCapacity = Capacity & { readonly indexName: string };

const units = (v: StateValue | undefined): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined);

/** Index capacities as the plan recorded them (`before.globalSecondaryIndexes`); undefined if not that shape. */
function asIndexes(value: StateValue | undefined): IndexCapacity[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const indexes: IndexCapacity[] = [];
  for (const item of value) {
    // Array.isArray does not narrow a readonly array out of the union, hence the cast once it is excluded.
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
    const { indexName, readCapacityUnits: r, writeCapacityUnits: w } = item as State;
    const readCapacityUnits = units(r);
    const writeCapacityUnits = units(w);
    if (typeof indexName !== 'string' || readCapacityUnits === undefined || writeCapacityUnits === undefined) return undefined;
    indexes.push({ indexName, readCapacityUnits, writeCapacityUnits });
  }
  return indexes;
}

/** The provisioned capacity to restore: the table's and every index's, as they were before the switch. */
function recordedCapacity(action: AppliedAction): { table: Capacity; indexes: IndexCapacity[] } {
  if (action.before.billingMode !== 'PROVISIONED') {
    throw new AppliedActionError(action, 'before.billingMode', '"PROVISIONED"', action.before.billingMode);
  }
  const readCapacityUnits = units(action.before.readCapacityUnits);
  const writeCapacityUnits = units(action.before.writeCapacityUnits);
  if (readCapacityUnits === undefined || writeCapacityUnits === undefined) {
    const got = { readCapacityUnits: action.before.readCapacityUnits ?? null, writeCapacityUnits: action.before.writeCapacityUnits ?? null };
    throw new AppliedActionError(action, 'before.readCapacityUnits/writeCapacityUnits', 'positive integers', got);
  }
  const indexes = asIndexes(action.before.globalSecondaryIndexes);
  if (indexes === undefined) {
    throw new AppliedActionError(action, 'before.globalSecondaryIndexes', 'a list of {indexName, readCapacityUnits, writeCapacityUnits}', action.before.globalSecondaryIndexes);
  }
  return { table: { indexName: null, readCapacityUnits, writeCapacityUnits }, indexes };
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
export const undoSwitchDynamodbOnDemand: Undo<'dynamodb'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, ID);
    const tableName = recordedString(action, 'params', 'tableName');
    const left = recordedString(action, 'after', 'billingMode');
    const previous = recordedCapacity(action);
    const { Table: table } = await awsCall(ctx.calls, 'dynamodb', 'DescribeTable', () =>
      dynamodbClient.send(new DescribeTableCommand({ TableName: tableName })),
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

  async apply(plan, ctx) {
    const tableName = stringParam(plan, 'tableName');
    const ReadCapacityUnits = units(plan.params.readCapacityUnits);
    const WriteCapacityUnits = units(plan.params.writeCapacityUnits);
    if (ReadCapacityUnits === undefined) throw new PlanParamsError(plan, 'readCapacityUnits', 'a positive integer');
    if (WriteCapacityUnits === undefined) throw new PlanParamsError(plan, 'writeCapacityUnits', 'a positive integer');
    const indexes = asIndexes(plan.params.globalSecondaryIndexes);
    if (indexes === undefined) throw new PlanParamsError(plan, 'globalSecondaryIndexes', 'a list of index capacities');
    const updates = indexes.map((i) => ({
      Update: { IndexName: i.indexName, ProvisionedThroughput: { ReadCapacityUnits: i.readCapacityUnits, WriteCapacityUnits: i.writeCapacityUnits } },
    }));
    const { TableDescription: table } = await awsCall(ctx.calls, 'dynamodb', 'UpdateTable', () =>
      dynamodbClient.send(
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
      summary: `${plan.resource} switching back to PROVISIONED, ${ReadCapacityUnits} RCU / ${WriteCapacityUnits} WCU (table status ${tableStatus ?? 'unknown'})`,
    };
  },
};
