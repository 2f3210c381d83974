import { BatchGetItemCommand, GetItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { list, object, oneOf, optional, text as anyText, type Schema } from '../core/params';
import type { AppliedEntry, CountedOutcome, FixScore } from '../core/ladder-record';
import { epochSeconds, failedItem, isConditionFailed, key, num, stateKeys, text, type StateTable } from './state-table';

/** Applies and verdicts kept per remediation and resource: enough for any brake up to this many applies, and a bounded item. */
export const HISTORY_KEPT = 50;
/** A history untouched this long is deleted (TTL): the score starts again. */
export const HISTORY_DAYS = 90;
const BEFORE_AFTER_CHARS = 300;
const WRITE_ATTEMPTS = 3;

/** Which remediation on which configured resource. */
export interface HistoryKey {
  readonly system: string;
  readonly resourceKey: string;
  readonly remediation: string;
}

/** One verdict as the history keeps it. */
export interface OutcomeEntry {
  readonly at: string;
  readonly recordId: string;
  readonly outcome: CountedOutcome;
}

/** A remediation's history on a resource as read: each list oldest first, with the counts that version its writes. */
export interface RemediationHistory {
  readonly applies: readonly AppliedEntry[];
  readonly outcomes: readonly OutcomeEntry[];
  readonly score: FixScore;
  /** Writes so far of each list (absent item: 0): a write succeeds only on the list it read. */
  readonly versions: { readonly applies: number; readonly outcomes: number };
}

export const EMPTY_HISTORY: RemediationHistory = { applies: [], outcomes: [], score: { recovered: 0, failed: 0, recent: [] }, versions: { applies: 0, outcomes: 0 } };

const outcomeSchema = oneOf('recovered', 'still-alarm');
const appliesSchema: Schema<AppliedEntry[]> = list(object({ at: anyText(), recordId: anyText(), summary: anyText(), before: anyText(), after: anyText(), verification: optional(outcomeSchema), approvedBy: optional(anyText()) }));
const outcomesSchema: Schema<OutcomeEntry[]> = list(object({ at: anyText(), recordId: anyText(), outcome: outcomeSchema }));

function readList<T>(schema: Schema<T[]>, raw: string | undefined, id: string, field: string): T[] {
  if (raw === undefined) return [];
  const read = schema.read(JSON.parse(raw) as unknown, field);
  if (!read.ok) throw new Error(`state table item ${id}: ${read.path} must be ${read.expected}`);
  return read.value;
}

/** The history in an item (none: empty); throws where the item is not one this module wrote. */
export function historyOf(id: string, item: Record<string, AttributeValue> | undefined): RemediationHistory {
  if (!item) return EMPTY_HISTORY;
  const outcomes = readList(outcomesSchema, text(item.outcomes), id, 'outcomes');
  const verdicts = new Map(outcomes.map((o) => [o.recordId, o.outcome]));
  const applies = readList(appliesSchema, text(item.applies), id, 'applies').map((a) => {
    const verification = verdicts.get(a.recordId);
    return verification ? { ...a, verification } : a;
  });
  return {
    applies,
    outcomes,
    score: { recovered: num(item.recovered) ?? 0, failed: num(item.failed) ?? 0, recent: outcomes.map((o) => o.outcome) },
    versions: { applies: num(item.appliesCount) ?? 0, outcomes: num(item.outcomesCount) ?? 0 },
  };
}

const cut = (s: string) => (s.length > BEFORE_AFTER_CHARS ? `${s.slice(0, BEFORE_AFTER_CHARS - 3)}...` : s);

/** A plan's before or after as the history keeps it: JSON, cut. */
export const brief = (state: unknown): string => cut(JSON.stringify(state) ?? 'null');

/** What a history write changes: one list, one version, optional counters. */
interface ListWrite {
  readonly field: 'applies' | 'outcomes';
  readonly next: (h: RemediationHistory) => readonly unknown[];
  readonly add?: Readonly<Record<string, number>>;
}

/**
 * The histories of the state table: one item per remediation and resource. The lists are
 * rewritten whole (bounded to HISTORY_KEPT) under the condition that their version is the one
 * read, so two writers never lose each other's entry; a writer that lost the race reads the item
 * returned with the failure and writes again.
 */
export interface HistoryStore {
  /** The histories of the given pairs, in one batch read (consistent). */
  read(keys: readonly HistoryKey[]): Promise<ReadonlyMap<string, RemediationHistory>>;
  /** Adds an apply; `known` is the history read before, saving the read. */
  recordApply(at: HistoryKey, entry: AppliedEntry, known?: RemediationHistory): Promise<void>;
  /** Adds a verdict and counts it; returns the history after. */
  recordOutcome(at: HistoryKey, entry: OutcomeEntry): Promise<RemediationHistory>;
}

export const historyId = (k: HistoryKey): string => stateKeys.history(k.system, k.resourceKey, k.remediation);

export function historyStore(table: StateTable): HistoryStore {
  const get = async (id: string) => historyOf(id, (await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(id), ConsistentRead: true }))).Item);

  async function write(at: HistoryKey, change: ListWrite, known?: RemediationHistory): Promise<RemediationHistory> {
    const id = historyId(at);
    let current = known ?? (await get(id));
    for (let attempt = 1; ; attempt += 1) {
      const entries = change.next(current).slice(-HISTORY_KEPT);
      const version = current.versions[change.field];
      const count = `${change.field}Count`;
      const adds = Object.entries(change.add ?? {});
      try {
        const out = await table.client.send(
          new UpdateItemCommand({
            TableName: table.tableName,
            Key: key(id),
            UpdateExpression: `SET #list = :list, #count = :next, #expiration = :expiration${adds.length > 0 ? ` ADD ${adds.map((_, i) => `#add${i} :add${i}`).join(', ')}` : ''}`,
            ConditionExpression: version === 0 ? 'attribute_not_exists(#count)' : '#count = :version',
            ExpressionAttributeNames: { '#list': change.field, '#count': count, '#expiration': 'expiration', ...Object.fromEntries(adds.map(([name], i) => [`#add${i}`, name])) },
            ExpressionAttributeValues: {
              ':list': { S: JSON.stringify(entries) },
              ':next': { N: String(version + 1) },
              ':expiration': { N: String(epochSeconds(Date.now()) + HISTORY_DAYS * 86_400) },
              ...(version === 0 ? {} : { ':version': { N: String(version) } }),
              ...Object.fromEntries(adds.map(([, n], i) => [`:add${i}`, { N: String(n) }])),
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return historyOf(id, out.Attributes);
      } catch (err) {
        if (!isConditionFailed(err) || attempt >= WRITE_ATTEMPTS) throw err;
        current = historyOf(id, await failedItem(table, id, err));
      }
    }
  }

  return {
    async read(keys) {
      const ids = [...new Set(keys.map(historyId))];
      const found = new Map<string, RemediationHistory>(ids.map((id) => [id, EMPTY_HISTORY]));
      // BatchGetItem takes at most 100 keys; a run acts on far fewer (an API's backends times its candidates).
      for (let i = 0; i < ids.length; i += 100) {
        let pending: Record<string, AttributeValue>[] = ids.slice(i, i + 100).map(key);
        for (let attempt = 0; pending.length > 0; attempt += 1) {
          if (attempt >= WRITE_ATTEMPTS) throw new Error(`state table: ${pending.length} histories left unprocessed after ${WRITE_ATTEMPTS} batch reads`);
          const out = await table.client.send(new BatchGetItemCommand({ RequestItems: { [table.tableName]: { Keys: pending, ConsistentRead: true } } }));
          for (const item of out.Responses?.[table.tableName] ?? []) {
            const id = text(item.id);
            if (id !== undefined) found.set(id, historyOf(id, item));
          }
          pending = out.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
        }
      }
      return found;
    },
    async recordApply(at, entry, known) {
      await write(at, { field: 'applies', next: (h) => [...h.applies.map(({ verification: _v, ...a }) => a), entry] }, known);
    },
    async recordOutcome(at, entry) {
      const current = await get(historyId(at));
      // A redelivered re-check counts once.
      if (current.outcomes.some((o) => o.recordId === entry.recordId)) return current;
      const add: Record<string, number> = { [entry.outcome === 'recovered' ? 'recovered' : 'failed']: 1 };
      return write(at, { field: 'outcomes', next: (h) => [...h.outcomes.filter((o) => o.recordId !== entry.recordId), entry], add }, current);
    },
  };
}
