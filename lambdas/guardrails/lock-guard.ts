import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Admission, Guard } from './guard';
import { epochSeconds, failClosed, isConditionFailed, quietly, stateKeys, type StateTable } from './state-table';

/** Longer than a responder's 60 s timeout, short enough that a crashed responder's lock lapses soon. */
export const DEFAULT_LOCK_SECONDS = 300;

export interface LockOptions {
  /** @default DEFAULT_LOCK_SECONDS */
  readonly seconds?: number;
}

/**
 * One action at a time on a resource, whatever the remediation: two alarms firing together on
 * one resource (latency and throttles on a function) must not both change it. The lock expires
 * on its own, so a responder that dies holding it blocks the resource for minutes, not forever.
 */
export function lockGuard(table: StateTable, options: LockOptions = {}): Guard {
  const seconds = options.seconds ?? DEFAULT_LOCK_SECONDS;
  return {
    async admit({ resource, now }) {
      const id = stateKeys.lock(resource.system, resource.key);
      return failClosed('locked', `lock on ${resource.key}`, async () => {
        const owner = randomUUID();
        const nowSeconds = epochSeconds(now.getTime());
        try {
          await table.client.send(
            new PutItemCommand({
              TableName: table.tableName,
              Item: { id: { S: id }, owner: { S: owner }, expiration: { N: String(nowSeconds + seconds) } },
              ConditionExpression: 'attribute_not_exists(id) OR #expiration < :now',
              ExpressionAttributeNames: { '#expiration': 'expiration' },
              ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
            }),
          );
        } catch (err) {
          if (!isConditionFailed(err)) throw err;
          const refused: Admission = {
            ok: false,
            code: 'locked',
            escalate: false,
            reason: `locked: another action on ${resource.key} is in progress; it handles this incident`,
          };
          return refused;
        }
        // Only while still ours: past its expiry another responder may have taken it over.
        const release = quietly(() =>
          table.client.send(
            new DeleteItemCommand({
              TableName: table.tableName,
              Key: { id: { S: id } },
              ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':owner': { S: owner } },
            }),
          ),
        );
        return { ok: true, done: release };
      });
    },
  };
}
