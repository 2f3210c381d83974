import { randomUUID } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Admission, Guard, GuardInput } from './guard';
import { epochSeconds, failClosed, failedItem, isConditionFailed, key, num, quietly, stateKeys, text, type StateTable } from './state-table';

/**
 * After its run's deadline, an intent left on a resource (the run died between apply and
 * release) holds the resource for the cooldown, or until its re-check has come, and at least
 * this much longer, so that the next delivery (Lambda retries a failed asynchronous invocation
 * after one and then two minutes) and the verifier find it, and people hear.
 */
export const MIN_INTERRUPTED_HOLD_MINUTES = 5;

/** The run that holds (or held, and died holding) a resource, as its intent says. */
export interface Intent {
  readonly recordId: string;
  readonly deadline: Date;
}

/** The intent on a resource's item; undefined when no run holds it. */
export async function readIntent(table: StateTable, system: string, resourceKey: string): Promise<Intent | undefined> {
  const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(stateKeys.resource(system, resourceKey)), ConsistentRead: true }));
  const intent = got.Item?.intent?.M;
  const recordId = text(intent?.recordId);
  return recordId === undefined ? undefined : { recordId, deadline: new Date(num(intent?.deadline) ?? 0) };
}

const NAMES = { '#intent': 'intent', '#hold': 'holdUntil', '#expiration': 'expiration' };
const cooldownAttribute = (cooldownKey: string) => `cooldown#${cooldownKey}`;

/** Why the resource item refused: the run that holds it, interrupted or live, or a cooldown. */
function refusal(item: Record<string, AttributeValue> | undefined, input: GuardInput, minutes: number): Admission {
  const now = input.now.getTime();
  const { resource, cooldownKey } = input;
  const intent = item?.intent?.M;
  if (intent && (num(item?.holdUntil) ?? 0) >= now) {
    const recordId = text(intent.recordId) ?? 'unknown';
    const what = `${text(intent.remediation) ?? 'an action'} on ${text(intent.resource) ?? resource.key} (record ${recordId}, started ${new Date(num(intent.startedAt) ?? 0).toISOString()})`;
    if ((num(intent.deadline) ?? 0) < now) {
      return { ok: false, code: 'interrupted', escalate: true, reason: `interrupted: ${what} never finished: its run ended without recording; check ${resource.key} by hand, nothing applied` };
    }
    return { ok: false, code: 'locked', escalate: false, reason: `locked: ${what} is in progress; it handles this incident` };
  }
  const until = num(item?.[cooldownAttribute(cooldownKey)]);
  const ends = until === undefined ? 'shortly' : `at ${new Date(until).toISOString()}`;
  return { ok: false, code: 'cooldown', escalate: false, reason: `cooldown: ${cooldownKey} acted on ${resource.key} within the last ${minutes} minutes; the cooldown ends ${ends}` };
}

/**
 * One action at a time on a resource, whatever the remediation, and at most one of each
 * remediation per cooldown: taken in one conditional write on the resource's item, which also
 * records the run's intent (its record, the plan, its deadline). The run releases the lock and
 * its intent when done, and gives the cooldown back only if nothing changed: an apply that made
 * a successful mutating call and then failed keeps it. A run that dies leaves its intent: until
 * the hold ends, every later attempt is refused as `interrupted` and people hear.
 */
export function resourceAdmissionGuard(table: StateTable): Guard {
  return {
    async admit(input) {
      const { resource, settings, now, run, plan, cooldownKey } = input;
      const minutes = settings.guardrails.cooldownMinutes;
      const id = stateKeys.resource(resource.system, resource.key);
      return failClosed(`lock on ${resource.key}`, async () => {
        const owner = randomUUID();
        const at = now.getTime();
        const cooldownUntil = at + minutes * 60_000;
        const hold = Math.max(run.deadline.getTime(), at) + (Math.max(minutes, settings.guardrails.verifyAfterMinutes) + MIN_INTERRUPTED_HOLD_MINUTES) * 60_000;
        const cooling = minutes > 0;
        const intent = {
          recordId: { S: run.recordId },
          owner: { S: owner },
          remediation: { S: cooldownKey },
          resource: { S: plan.resource },
          summary: { S: plan.summary.slice(0, 500) },
          startedAt: { N: String(at) },
          deadline: { N: String(run.deadline.getTime()) },
        };
        try {
          await table.client.send(
            new UpdateItemCommand({
              TableName: table.tableName,
              Key: key(id),
              UpdateExpression: `SET #intent = :intent, #hold = :hold, #expiration = :expiration${cooling ? ', #cooldown = :until' : ''}`,
              ConditionExpression: `(attribute_not_exists(#intent) OR #hold < :now)${cooling ? ' AND (attribute_not_exists(#cooldown) OR #cooldown < :now)' : ''}`,
              ExpressionAttributeNames: { ...NAMES, ...(cooling ? { '#cooldown': cooldownAttribute(cooldownKey) } : {}) },
              ExpressionAttributeValues: {
                ':intent': { M: intent },
                ':hold': { N: String(hold) },
                ':now': { N: String(at) },
                ':expiration': { N: String(epochSeconds(Math.max(hold, cooldownUntil)) + 86_400) },
                ...(cooling ? { ':until': { N: String(cooldownUntil) } } : {}),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            }),
          );
        } catch (err) {
          if (!isConditionFailed(err)) throw err;
          return refusal(await failedItem(table, id, err), input, minutes);
        }
        const release = (changed: boolean) =>
          quietly(() =>
            table.client.send(
              new UpdateItemCommand({
                TableName: table.tableName,
                Key: key(id),
                // The cooldown stays once anything changed, even where apply failed afterwards.
                UpdateExpression: `REMOVE #intent, #hold${cooling && !changed ? ', #cooldown' : ''}`,
                // Only our own: past its hold another run may have taken the resource.
                ConditionExpression: '#intent.#owner = :owner',
                ExpressionAttributeNames: { '#intent': 'intent', '#hold': 'holdUntil', '#owner': 'owner', ...(cooling && !changed ? { '#cooldown': cooldownAttribute(cooldownKey) } : {}) },
                ExpressionAttributeValues: { ':owner': { S: owner } },
              }),
            ),
          )();
        const admission: Admission = { ok: true, done: release };
        return admission;
      });
    },
  };
}
