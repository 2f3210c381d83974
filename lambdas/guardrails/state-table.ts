import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReasonCode } from '../core/record';
import { describeError } from '../runtime/aws-call';
import { dynamodbClient } from '../runtime/clients/dynamodb';
import type { Admission } from './guard';

/**
 * The guardrails' shared state: one DynamoDB table, partition key `id` (S), TTL attribute
 * `expiration` (epoch seconds), holding per notification its claim, per resource its lock,
 * intent and cooldowns, the circuit breaker's window, per applied record what undo restores, and
 * per remediation and resource its history (lambdas/guardrails/history.ts).
 */
export interface StateTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

export const STATE_KEY_ATTRIBUTE = 'id';
export const STATE_TTL_ATTRIBUTE = 'expiration';

/**
 * The table, on the given client or the shared one. The shared one is taken when the table is
 * first used, not when it is built: an OK notification never touches the table, so its cold
 * start does not make a DynamoDB client.
 */
export function stateTable(tableName: string, client?: DynamoDBClient): StateTable {
  return {
    tableName,
    get client() {
      return client ?? dynamodbClient();
    },
  };
}

/** Item ids; `#` cannot occur in system ids or resource keys, so ids never collide. */
export const stateKeys = {
  /** One alarm transition: its ARN and the alarm's own state timestamp, hashed to a fixed length. */
  notification: (alarmArn: string, stateTimestamp: Date): string =>
    `notification#${createHash('sha256').update(`${alarmArn}#${stateTimestamp.toISOString()}`).digest('hex')}`,
  /** A configured resource: its lock, the intent of the run holding it, and its cooldowns. */
  resource: (system: string, resourceKey: string): string => `resource#${system}#${resourceKey}`,
  /** The circuit breaker's sliding window, one for the whole deployment. */
  breaker: (): string => 'breaker#window',
  /** What a record applied, written by the responder that applied it: what undo restores. */
  applied: (recordId: string): string => `applied#${recordId}`,
  /** One remediation's history on one configured resource: its recent applies and re-check verdicts (the recurrence brake, the fix score). */
  history: (system: string, resourceKey: string, remediation: string): string => `history#${system}#${resourceKey}#${remediation}`,
};

export function epochSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

export const key = (id: string): Record<string, AttributeValue> => ({ [STATE_KEY_ATTRIBUTE]: { S: id } });

/** A failed condition; DynamoDB returns the item that failed it where asked to (dynalite does not). */
export function isConditionFailed(err: unknown): err is Error & { readonly Item?: Record<string, AttributeValue> } {
  return err instanceof ConditionalCheckFailedException || (err instanceof Error && err.name === 'ConditionalCheckFailedException');
}

/**
 * The item that failed a condition. Real DynamoDB returns it with the failure
 * (ReturnValuesOnConditionCheckFailure: ALL_OLD), so the failure is one round trip; dynalite
 * does not, and this falls back to a consistent read (an extra round trip only there).
 */
export async function failedItem(table: StateTable, id: string, err: { readonly Item?: Record<string, AttributeValue> }): Promise<Record<string, AttributeValue> | undefined> {
  if (err.Item) return err.Item;
  const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(id), ConsistentRead: true }));
  return got.Item;
}

export const num = (v: AttributeValue | undefined): number | undefined => (v?.N === undefined ? undefined : Number(v.N));
export const text = (v: AttributeValue | undefined): string | undefined => v?.S;

/**
 * Fail closed: a guard that cannot read or write its state refuses (and people hear of it), so
 * that the composition releases what other guards took instead of leaking it through a throw.
 */
export async function failClosed(what: string, admit: () => Promise<Admission>, code: ReasonCode = 'state-unavailable'): Promise<Admission> {
  try {
    return await admit();
  } catch (err) {
    return { ok: false, code, escalate: true, reason: `state table unavailable: could not check the ${what} (${describeError(err)}); not acting` };
  }
}

/**
 * A release must never throw: act.ts would record an applied change as failed. What a failed
 * release leaves behind ends on its own: a breaker entry leaves the window within the hour; a
 * resource's intent is reported as interrupted (escalated) until its hold ends.
 */
export function quietly(release: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    try {
      await release();
    } catch {
      // Ends by itself; see above.
    }
  };
}
