import { randomUUID } from 'node:crypto';
import { PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ResultRecord } from '../core/record';
import { epochSeconds, failedItem, isConditionFailed, key, num, stateKeys, text, type StateTable } from './state-table';

/** SNS retries a delivery to Lambda for days: remember each transition for a week. */
export const CLAIM_EXPIRY_SECONDS = 7 * 24 * 3600;

/** What identifies one alarm transition: the alarm and the time of its transition as CloudWatch says it, never as a payload says it. */
export interface TransitionKey {
  readonly alarmArn: string;
  /** The alarm's own StateTransitionedTimestamp, read back: an invented StateChangeTime mints no new key. */
  readonly stateTimestamp: Date;
}

/** What the store keeps of the run that handled a transition. */
export type StoredOutcome = Pick<ResultRecord, 'recordId' | 'decision' | 'reasonCode'>;

/** The run's claim on a transition, or why it has none. */
export type Claim =
  | { readonly kind: 'claimed'; complete(outcome: StoredOutcome): Promise<void> }
  | { readonly kind: 'duplicate'; readonly reason: string };

/** Claims transitions: at most one run acts on each, across deliveries, containers and days. */
export interface Claims {
  /** Throws where the state table cannot be reached: the caller records `state-unavailable`. */
  claim(transition: TransitionKey, run: { readonly deadline: Date; readonly now: Date }): Promise<Claim>;
}

const NAMES = { '#status': 'status', '#deadline': 'deadline', '#expiration': 'expiration' };

function duplicateOf(item: Record<string, AttributeValue> | undefined): Claim {
  const outcome = item?.outcome?.M;
  if (text(item?.status) === 'COMPLETED' && outcome) {
    const what = `record ${text(outcome.recordId) ?? 'unknown'} (${text(outcome.decision) ?? '?'}, ${text(outcome.reasonCode) ?? '?'})`;
    return { kind: 'duplicate', reason: `duplicate: this alarm transition was already handled: see ${what}` };
  }
  const until = num(item?.deadline);
  const by = until === undefined ? '' : ` (its run ends by ${new Date(until).toISOString()})`;
  return { kind: 'duplicate', reason: `duplicate: another delivery of this alarm transition is being handled${by}` };
}

/**
 * A claim is one conditional write of the transition's item: a duplicate stops there (real
 * DynamoDB returns the item with the failure; dynalite needs a read, see state-table.ts). The
 * claim holds until the run's deadline (its Lambda invocation's end): a run that dies frees it
 * then, so a retry runs and meets what the dead run left on its resources (`interrupted`).
 * Completion stores the outcome, which later deliveries name.
 */
export function claims(table: StateTable): Claims {
  return {
    async claim({ alarmArn, stateTimestamp }, { deadline, now }) {
      const id = stateKeys.notification(alarmArn, stateTimestamp);
      const owner = randomUUID();
      try {
        await table.client.send(
          new PutItemCommand({
            TableName: table.tableName,
            Item: {
              ...key(id),
              status: { S: 'IN_PROGRESS' },
              owner: { S: owner },
              deadline: { N: String(deadline.getTime()) },
              alarmArn: { S: alarmArn },
              stateTimestamp: { S: stateTimestamp.toISOString() },
              expiration: { N: String(epochSeconds(now.getTime()) + CLAIM_EXPIRY_SECONDS) },
            },
            // Free, or held by a run past its deadline, or expired but not yet deleted by TTL.
            ConditionExpression: 'attribute_not_exists(id) OR (#status = :inProgress AND #deadline < :now) OR #expiration < :nowSeconds',
            ExpressionAttributeNames: NAMES,
            ExpressionAttributeValues: { ':inProgress': { S: 'IN_PROGRESS' }, ':now': { N: String(now.getTime()) }, ':nowSeconds': { N: String(epochSeconds(now.getTime())) } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        return duplicateOf(await failedItem(table, id, err));
      }
      return {
        kind: 'claimed',
        complete: async ({ recordId, decision, reasonCode }) => {
          try {
            await table.client.send(
              new UpdateItemCommand({
                TableName: table.tableName,
                Key: key(id),
                UpdateExpression: 'SET #status = :completed, #outcome = :outcome REMOVE #deadline',
                // Only our own claim: a run past its deadline may have lost it to a retry.
                ConditionExpression: '#owner = :owner',
                ExpressionAttributeNames: { '#status': 'status', '#deadline': 'deadline', '#owner': 'owner', '#outcome': 'outcome' },
                ExpressionAttributeValues: {
                  ':completed': { S: 'COMPLETED' },
                  ':owner': { S: owner },
                  ':outcome': { M: { recordId: { S: recordId }, decision: { S: decision }, reasonCode: { S: reasonCode } } },
                },
              }),
            );
          } catch (err) {
            if (!isConditionFailed(err)) throw err;
          }
        },
      };
    },
  };
}
