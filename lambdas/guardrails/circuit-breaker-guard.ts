import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { Admission, Guard } from './guard';
import { epochSeconds, failClosed, isConditionFailed, quietly, stateKeys, utcHour, type StateTable } from './state-table';

export interface CircuitBreakerOptions {
  /** @default settings.guardrails.maxActionsPerHour of the input */
  readonly maxActionsPerHour?: number;
}

/** Kept a day past its hour, for whoever looks into a tripped breaker. */
const KEEP_SECONDS = 25 * 3600;

/**
 * Global across all responders of the deployment: at most `maxActionsPerHour` admitted actions
 * per UTC hour. A storm of alarms beyond that is a sign something bigger is wrong, which
 * automatic fixes should not make worse: past the limit, people decide.
 */
export function circuitBreakerGuard(table: StateTable, options: CircuitBreakerOptions = {}): Guard {
  return {
    async admit({ settings, now }) {
      const max = options.maxActionsPerHour ?? settings.guardrails.maxActionsPerHour;
      const tripped: Admission = {
        ok: false,
        code: 'circuit-breaker',
        escalate: true,
        reason: `circuit breaker: ${max} automatic actions already admitted in the hour ${utcHour(now)} UTC (maxActionsPerHour ${max}); people decide`,
      };
      // The condition below cannot say "never": an absent counter always passes it.
      if (max <= 0) return tripped;
      const key = { id: { S: stateKeys.breaker(now) } };
      return failClosed('circuit-breaker', 'circuit breaker', async () => {
        try {
          await table.client.send(
            new UpdateItemCommand({
              TableName: table.tableName,
              Key: key,
              UpdateExpression: 'ADD #count :one SET #expiration = :expiration',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
              ExpressionAttributeNames: { '#count': 'count', '#expiration': 'expiration' },
              ExpressionAttributeValues: {
                ':one': { N: '1' },
                ':max': { N: String(max) },
                ':expiration': { N: String(epochSeconds(now.getTime()) + KEEP_SECONDS) },
              },
            }),
          );
        } catch (err) {
          if (isConditionFailed(err)) return tripped;
          throw err;
        }
        // A refused or failed apply gives its slot back: only real actions count.
        const giveBack = quietly(() =>
          table.client.send(
            new UpdateItemCommand({
              TableName: table.tableName,
              Key: key,
              UpdateExpression: 'ADD #count :minusOne',
              ConditionExpression: '#count > :zero',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':minusOne': { N: '-1' }, ':zero': { N: '0' } },
            }),
          ),
        );
        const admission: Admission = { ok: true, done: async (applied) => (applied ? undefined : giveBack()) };
        return admission;
      });
    },
  };
}
