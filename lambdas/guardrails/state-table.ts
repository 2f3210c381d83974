import { ConditionalCheckFailedException, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReasonCode } from '../core/record';
import { describeError } from '../runtime/aws-call';
import { dynamodbClient } from '../runtime/clients/dynamodb';
import type { Admission } from './guard';

/**
 * The guardrails' shared state: one DynamoDB table, partition key `id` (S), TTL attribute
 * `expiration` (epoch seconds). Powertools idempotency stores its records in the same table
 * (its defaults are `id` and `expiration`), so one table serves both.
 */
export interface StateTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

export const STATE_KEY_ATTRIBUTE = 'id';
export const STATE_TTL_ATTRIBUTE = 'expiration';

export function stateTable(tableName: string, client: DynamoDBClient = dynamodbClient): StateTable {
  return { client, tableName };
}

/** Item ids; `#` cannot occur in system ids or resource keys, so ids never collide. */
export const stateKeys = {
  cooldown: (remediation: string, system: string, resourceKey: string): string => `cooldown#${remediation}#${system}#${resourceKey}`,
  lock: (system: string, resourceKey: string): string => `lock#${system}#${resourceKey}`,
  /** `breaker#YYYY-MM-DDTHH`, the UTC hour. */
  breaker: (now: Date): string => `breaker#${utcHour(now)}`,
};

export function utcHour(now: Date): string {
  return now.toISOString().slice(0, 13);
}

export function epochSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** A failed condition; DynamoDB returns the item that failed it where asked to (dynalite does not). */
export function isConditionFailed(err: unknown): err is Error & { readonly Item?: Record<string, AttributeValue> } {
  return err instanceof ConditionalCheckFailedException || (err instanceof Error && err.name === 'ConditionalCheckFailedException');
}

/**
 * Fail closed: a guard that cannot read its state refuses (and people hear of it), so that
 * `allGuards` releases what earlier guards took instead of leaking it through a throw.
 */
export async function failClosed(code: ReasonCode, what: string, admit: () => Promise<Admission>): Promise<Admission> {
  try {
    return await admit();
  } catch (err) {
    return { ok: false, code, escalate: true, reason: `could not check the ${what} (${describeError(err)}): not acting` };
  }
}

/**
 * A release must never throw: act.ts would record an applied change as failed. What a failed
 * release leaves behind expires on its own (lock expiry, cooldown end, the breaker's hour).
 */
export function quietly(release: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    try {
      await release();
    } catch {
      // Expires by itself; see above.
    }
  };
}
