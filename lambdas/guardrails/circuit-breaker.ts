import { randomUUID } from 'node:crypto';
import { GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Admission, Guard } from './guard';
import { epochSeconds, failClosed, failedItem, isConditionFailed, key, quietly, stateKeys, type StateTable } from './state-table';

const HOUR_MS = 3_600_000;
const NAMES = { '#admissions': 'admissions', '#expiration': 'expiration' };
/** Expired admissions dropped per write: keeps the update expression small; the rest go on later writes. */
const PRUNE_PER_WRITE = 40;

/** The window as read: each admission (`<epochMs>#<uuid>` → epochMs); `exists` false before the first ever. */
interface Window {
  readonly exists: boolean;
  readonly admissions: ReadonlyMap<string, number>;
}

function windowOf(item: Record<string, AttributeValue> | undefined): Window {
  const map = item?.admissions?.M;
  const entries = Object.entries(map ?? {}).flatMap(([k, v]) => (v.N === undefined ? [] : [[k, Number(v.N)] as const]));
  return { exists: map !== undefined, admissions: new Map(entries) };
}

/**
 * Global across all responders of the deployment: at most `maxActionsPerHour` actions admitted in
 * any sliding hour (not per clock hour, whose boundary let twice the limit through in a second).
 * One item holds the admission times of the last hour. A place is taken by one conditional write
 * adding the run's entry where the map holds fewer than the limit (DynamoDB's `size` of a map is
 * its number of entries: Expressions.OperatorsAndFunctions.html), so concurrent runs do not
 * conflict while there is room. Expired entries are dropped only when the map is full, with a
 * condition that each still exists, so the count stays exact: the entries left are all live.
 * On a failed condition DynamoDB returns the item, and the write is tried again on what it
 * holds; a refusal is certain only when the live entries reach the limit. The item is read as
 * planning starts (`prepare`), overlapping the plan's own calls. A run that changed nothing
 * gives its place back.
 */
export function circuitBreakerGuard(table: StateTable): Guard {
  const id = stateKeys.breaker();
  // The latest read: shared by runs that start planning while it is in flight; a run that starts
  // planning after it ended reads afresh. A stale window costs a retry, never a wrong admission.
  let latest: Promise<Window> | undefined;
  let inFlight = false;
  const read = async () => windowOf((await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(id), ConsistentRead: true }))).Item);
  const prepare = (): Promise<Window> => {
    if (latest && inFlight) return latest;
    inFlight = true;
    const current = read();
    latest = current;
    const settled = () => void (latest === current ? (inFlight = false) : undefined);
    current.then(settled, settled);
    return current;
  };
  return {
    prepare: () => void prepare().catch(() => undefined),
    async admit({ settings, now }) {
      const max = settings.guardrails.maxActionsPerHour;
      const full = (window: Window): Admission => {
        const live = [...window.admissions.values()].filter((t) => t > now.getTime() - HOUR_MS).sort((a, b) => a - b);
        const frees = live.length > 0 ? ` (a place frees at ${new Date(live[0] + HOUR_MS).toISOString()})` : '';
        return { ok: false, code: 'circuit-breaker', escalate: true, reason: `circuit breaker: ${live.length} automatic actions admitted in the last hour (maxActionsPerHour ${max})${frees}; people decide` };
      };
      if (max <= 0) return full({ exists: false, admissions: new Map() });
      return failClosed('circuit breaker', async () => {
        let window = await (latest ?? prepare());
        for (let attempt = 0; attempt <= max; attempt += 1) {
          const at = now.getTime();
          const expired = [...window.admissions].filter(([, t]) => t <= at - HOUR_MS).map(([k]) => k);
          if (window.admissions.size - expired.length >= max) return full(window);
          const mine = `${at}#${randomUUID()}`;
          // Room without pruning: no write conflicts with another's. Full of expired entries: prune them.
          const prune = window.admissions.size >= max ? expired.slice(0, PRUNE_PER_WRITE) : [];
          try {
            await table.client.send(takePlace(table, id, window.exists, max, mine, at, prune));
          } catch (err) {
            if (!isConditionFailed(err)) throw err;
            window = windowOf(await failedItem(table, id, err));
            continue;
          }
          const giveBack = quietly(() =>
            table.client.send(
              new UpdateItemCommand({ TableName: table.tableName, Key: key(id), UpdateExpression: 'REMOVE #admissions.#mine', ExpressionAttributeNames: { '#admissions': 'admissions', '#mine': mine } }),
            ),
          );
          const admission: Admission = { ok: true, done: async (changed) => (changed ? undefined : giveBack()) };
          return admission;
        }
        return { ok: false, code: 'circuit-breaker', escalate: true, reason: `circuit breaker: could not take a place in the window after ${max + 1} attempts (other runs kept taking them); people decide` };
      });
    },
  };
}

/** Adds `mine` where the map has room: fewer entries than the limit once `prune` (entries that must all still exist) is dropped. */
function takePlace(table: StateTable, id: string, exists: boolean, max: number, mine: string, at: number, prune: readonly string[]): UpdateItemCommand {
  const expiration = { N: String(epochSeconds(at + 2 * HOUR_MS)) };
  if (!exists) {
    return new UpdateItemCommand({
      TableName: table.tableName,
      Key: key(id),
      UpdateExpression: 'SET #admissions = :admissions, #expiration = :expiration',
      ConditionExpression: 'attribute_not_exists(#admissions)',
      ExpressionAttributeNames: NAMES,
      ExpressionAttributeValues: { ':admissions': { M: { [mine]: { N: String(at) } } }, ':expiration': expiration },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  }
  const old = prune.map((_, i) => `#admissions.#old${i}`);
  return new UpdateItemCommand({
    TableName: table.tableName,
    Key: key(id),
    UpdateExpression: `SET #admissions.#mine = :at, #expiration = :expiration${old.length > 0 ? ` REMOVE ${old.join(', ')}` : ''}`,
    ConditionExpression: ['size(#admissions) < :bound', ...old.map((path) => `attribute_exists(${path})`)].join(' AND '),
    ExpressionAttributeNames: { ...NAMES, '#mine': mine, ...Object.fromEntries(prune.map((k, i) => [`#old${i}`, k])) },
    ExpressionAttributeValues: { ':at': { N: String(at) }, ':bound': { N: String(max + prune.length) }, ':expiration': expiration },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  });
}
