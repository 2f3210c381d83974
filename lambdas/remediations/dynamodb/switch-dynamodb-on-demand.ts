import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { object, oneOf, str } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { dynamodbClient } from '../../runtime/clients/dynamodb';
import { undoSwitchDynamodbOnDemand } from './switch-dynamodb-on-demand-undo';

/**
 * AWS allows PROVISIONED → PAY_PER_REQUEST a limited number of times per rolling 24 hours (4 at
 * the time of writing, 1 in older documents). DescribeTable only shows the last switch, so the
 * budget is enforced as a minimum interval between switches: 24 h / 4.
 */
export const DEFAULT_ONDEMAND_SWITCH_MIN_INTERVAL_HOURS = 6;

/** Parses ONDEMAND_SWITCH_MIN_INTERVAL_HOURS; a bad value fails the cold start rather than guessing. */
export function parseSwitchIntervalHours(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_ONDEMAND_SWITCH_MIN_INTERVAL_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours > 24) {
    throw new Error(
      `ONDEMAND_SWITCH_MIN_INTERVAL_HOURS must be a number of hours from 0 to 24, got "${raw}"; ` +
        `set 6 for AWS's current budget of 4 switches a day, or 24 for a budget of 1`,
    );
  }
  return hours;
}

/** The interval in force, read once per container; tests may change it. */
export const onDemandSwitchPolicy = {
  minIntervalHours: parseSwitchIntervalHours(process.env.ONDEMAND_SWITCH_MIN_INTERVAL_HOURS),
};

const HOUR_MS = 3_600_000;

export const switchDynamodbOnDemand = defineRemediation({
  id: 'switch-dynamodb-on-demand',
  targetType: 'dynamodb',
  params: object({ tableName: str(), billingMode: oneOf('PAY_PER_REQUEST') }),
  undo: undoSwitchDynamodbOnDemand,

  async plan(ctx) {
    const tableName = ctx.target.props.name;
    const base = { remediation: 'switch-dynamodb-on-demand', resource: tableName } as const;
    const { Table: table } = await awsCall(ctx.calls, 'dynamodb', 'DescribeTable', () =>
      dynamodbClient().send(new DescribeTableCommand({ TableName: tableName })),
      { mutating: false },
    );
    const status = table?.TableStatus ?? 'UNKNOWN';
    // A new PROVISIONED table has no BillingModeSummary at all.
    const billingMode = table?.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
    const lastSwitch = table?.BillingModeSummary?.LastUpdateToPayPerRequestDateTime;
    const before: State = {
      tableStatus: status,
      billingMode,
      readCapacityUnits: table?.ProvisionedThroughput?.ReadCapacityUnits ?? null,
      writeCapacityUnits: table?.ProvisionedThroughput?.WriteCapacityUnits ?? null,
      // Switching back to PROVISIONED needs every index's capacity too.
      globalSecondaryIndexes: (table?.GlobalSecondaryIndexes ?? []).map((gsi) => ({
        indexName: gsi.IndexName ?? null,
        readCapacityUnits: gsi.ProvisionedThroughput?.ReadCapacityUnits ?? null,
        writeCapacityUnits: gsi.ProvisionedThroughput?.WriteCapacityUnits ?? null,
      })),
      lastSwitchToOnDemand: lastSwitch ? lastSwitch.toISOString() : null,
    };

    if (status !== 'ACTIVE') {
      return { ...base, kind: 'no-op', before, reason: `table status is ${status}; billing mode can only change on an ACTIVE table` };
    }
    if (billingMode === 'PAY_PER_REQUEST') {
      return { ...base, kind: 'no-op', before, notApplicable: true, reason: 'table is already on-demand (PAY_PER_REQUEST)' };
    }
    const intervalHours = onDemandSwitchPolicy.minIntervalHours;
    if (lastSwitch && ctx.now().getTime() - lastSwitch.getTime() < intervalHours * HOUR_MS) {
      const next = new Date(lastSwitch.getTime() + intervalHours * HOUR_MS);
      return {
        ...base,
        kind: 'no-op',
        before,
        reason:
          `table last switched to on-demand at ${lastSwitch.toISOString()}, within the ${intervalHours} h minimum interval ` +
          `that keeps within AWS's budget of PROVISIONED→PAY_PER_REQUEST switches per rolling 24 h; next switch allowed after ${next.toISOString()}`,
      };
    }
    return {
      ...base,
      kind: 'change',
      summary: `switch ${tableName} from PROVISIONED to on-demand (PAY_PER_REQUEST)`,
      before,
      after: { billingMode: 'PAY_PER_REQUEST' },
      params: { tableName, billingMode: 'PAY_PER_REQUEST' as const },
    };
  },

  async apply({ tableName }, ctx) {
    const { TableDescription: table } = await awsCall(ctx.calls, 'dynamodb', 'UpdateTable', () =>
      dynamodbClient().send(new UpdateTableCommand({ TableName: tableName, BillingMode: 'PAY_PER_REQUEST' })),
      { mutating: true, idempotent: true },
    );
    const tableStatus = table?.TableStatus ?? null;
    return {
      after: { billingMode: 'PAY_PER_REQUEST', tableStatus },
      summary: `${tableName} switching to on-demand (table status ${tableStatus ?? 'unknown'})`,
    };
  },
});
