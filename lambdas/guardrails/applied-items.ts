import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { REMEDIATION_IDS } from '../../lib/catalogue';
import { integritySchema } from '../core/integrity-schema';
import { list, object, oneOf, optional, str, type Schema } from '../core/params';
import type { RecordIntegrity } from '../core/record';
import type { State } from '../core/state';
import type { AppliedAction } from '../core/undo';
import { epochSeconds, key, stateKeys, text, type StateTable } from './state-table';

/** How long an applied action can be undone: older changes have likely been superseded. */
export const UNDO_WINDOW_DAYS = 30;

/** An action of a record that changed something: what its undo reverts, on which configured resource. */
export interface AppliedOn {
  readonly targetKey: string;
  readonly action: AppliedAction;
}

/**
 * What a run applied, as the responder that applied it wrote it to the state table (never read
 * from the log group, which more principals can write): the one source undo restores from, and
 * what the verifier checks a re-check request against.
 */
export interface AppliedRecord {
  readonly recordId: string;
  readonly system: string;
  readonly family: string;
  /** `applied`: at least one action changed something; `failed`: every apply failed (already escalated). */
  readonly status: 'applied' | 'failed';
  readonly appliedAt: string;
  readonly alarm?: { readonly name: string; readonly arn?: string; readonly region?: string; readonly account?: string };
  readonly alertKind?: string;
  /** The actions that were applied; empty when the status is `failed`. */
  readonly actions: readonly AppliedOn[];
  /**
   * The MAC of the run's record (or why it was written unsigned), so an undo names the signed
   * record it reverts. Absent on items written before records were signed.
   */
  readonly integrity?: RecordIntegrity;
}

export interface AppliedItems {
  write(record: AppliedRecord): Promise<void>;
  /** Undefined when there is none; throws where the table cannot be read or the item is not one this module wrote. */
  read(recordId: string): Promise<AppliedRecord | undefined>;
}

/** A JSON object as the record holds one (its values came out of JSON.parse, so they are JSON). */
const jsonObject: Schema<State> = {
  expected: 'an object',
  read: (v, path) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? { ok: true, value: v as State } : { ok: false, path, expected: 'an object', received: v },
};

const bodySchema = object({
  integrity: optional(integritySchema),
  alarm: optional(object({ name: str(), arn: optional(str()), region: optional(str()), account: optional(str()) })),
  alertKind: optional(str()),
  actions: list(
    object({
      targetKey: str(),
      action: object({ remediation: oneOf(...REMEDIATION_IDS), resource: str(), before: jsonObject, after: jsonObject, params: jsonObject }),
    }),
    'a list of applied actions',
  ),
});

/** The applied-action items of the state table: written by the responders only (operators get no write on the table). */
export function appliedItems(table: StateTable): AppliedItems {
  return {
    async write(r) {
      const body = JSON.stringify({ alarm: r.alarm, alertKind: r.alertKind, actions: r.actions, integrity: r.integrity });
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: {
            ...key(stateKeys.applied(r.recordId)),
            system: { S: r.system },
            family: { S: r.family },
            status: { S: r.status },
            appliedAt: { S: r.appliedAt },
            record: { S: body },
            expiration: { N: String(epochSeconds(Date.parse(r.appliedAt)) + UNDO_WINDOW_DAYS * 86_400) },
          },
        }),
      );
    },
    async read(recordId) {
      const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(stateKeys.applied(recordId)), ConsistentRead: true }));
      const item = got.Item;
      if (!item) return undefined;
      const [system, family, status, appliedAt, body] = [text(item.system), text(item.family), text(item.status), text(item.appliedAt), text(item.record)];
      if (!system || !family || (status !== 'applied' && status !== 'failed') || !appliedAt || body === undefined) {
        throw new Error(`state table item ${stateKeys.applied(recordId)} is not an applied-action item`);
      }
      const read = bodySchema.read(JSON.parse(body) as unknown, 'record');
      if (!read.ok) throw new Error(`state table item ${stateKeys.applied(recordId)}: ${read.path} must be ${read.expected}`);
      return { recordId, system, family, status, appliedAt, ...read.value };
    },
  };
}
