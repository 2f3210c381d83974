import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, GetItemCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Admission, Guard } from './guard';
import { epochSeconds, failClosed, isConditionFailed, quietly, stateKeys, type StateTable } from './state-table';

export interface CooldownOptions {
  /** @default settings.guardrails.cooldownMinutes of the input */
  readonly minutes?: number;
}

/**
 * At most one applied action of a remediation on a resource per cooldown. The reservation is
 * taken atomically before apply (a conditional put), so two responders racing on one resource
 * cannot both pass; it is kept when the apply worked and removed when it did not, so a failed
 * or refused apply never blocks a retry.
 */
export function cooldownGuard(table: StateTable, options: CooldownOptions = {}): Guard {
  return {
    async admit({ plan, resource, settings, now }) {
      const minutes = options.minutes ?? settings.guardrails.cooldownMinutes;
      if (minutes <= 0) return { ok: true, done: async () => undefined };
      const id = stateKeys.cooldown(plan.remediation, resource.system, resource.key);
      return failClosed('cooldown', `cooldown of ${plan.remediation} on ${resource.key}`, async () => {
        const owner = randomUUID();
        const until = now.getTime() + minutes * 60_000;
        try {
          await table.client.send(
            new PutItemCommand({
              TableName: table.tableName,
              Item: {
                id: { S: id },
                until: { N: String(until) },
                owner: { S: owner },
                expiration: { N: String(epochSeconds(until)) },
              },
              ConditionExpression: 'attribute_not_exists(id) OR #until < :now',
              ExpressionAttributeNames: { '#until': 'until' },
              ExpressionAttributeValues: { ':now': { N: String(now.getTime()) } },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          );
        } catch (err) {
          if (!isConditionFailed(err)) throw err;
          return refused(table, id, err, plan.remediation, resource.key, minutes);
        }
        const release = quietly(() =>
          table.client.send(
            new DeleteItemCommand({
              TableName: table.tableName,
              Key: { id: { S: id } },
              // Only our own reservation: after it ended another responder may hold a new one.
              ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':owner': { S: owner } },
            }),
          ),
        );
        const admission: Admission = { ok: true, done: async (applied) => (applied ? undefined : release()) };
        return admission;
      });
    },
  };
}

async function refused(table: StateTable, id: string, err: { readonly Item?: Record<string, AttributeValue> }, remediation: string, key: string, minutes: number): Promise<Admission> {
  // DynamoDB returns the holder with the failure; stores that do not (dynalite) are read back.
  const returned = err.Item?.until?.N;
  const until = returned ?? (await readUntil(table, id));
  const ends = until === undefined ? 'shortly' : `at ${new Date(Number(until)).toISOString()}`;
  return {
    ok: false,
    code: 'cooldown',
    escalate: false,
    reason: `cooldown: ${remediation} acted on ${key} within the last ${minutes} minutes; the cooldown ends ${ends}`,
  };
}

async function readUntil(table: StateTable, id: string): Promise<string | undefined> {
  const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: id } }, ConsistentRead: true }));
  return got.Item?.until?.N;
}
