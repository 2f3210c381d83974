import { GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { REMEDIATION_IDS } from '../../lib/catalogue';
import { int, object, oneOf, optional, str, text as anyText, type Schema } from '../core/params';
import type { State } from '../core/state';
import { epochSeconds, failedItem, isConditionFailed, key, num, text, type StateTable } from './state-table';

/** How long a decided or expired proposal is kept, so a late approval is told why, not "unknown". */
export const PROPOSAL_KEPT_DAYS = 7;

/** The state-table id of a proposal; `#` cannot occur in a proposal id. */
export const proposalKey = (id: string): string => `proposal#${id}`;

/** What a proposal holds: the plan as it was made, what it was made from, and for which alarm. */
export interface ProposalBody {
  /** The record of the run that proposed it. */
  readonly recordId: string;
  readonly alarm: { readonly name: string; readonly arn?: string; readonly region?: string; readonly account?: string; readonly stateChangeTime: string };
  readonly alertKind: string;
  readonly windowSeconds: number;
  /** The configured resource the plan acts on. */
  readonly targetKey: string;
  readonly plan: {
    readonly remediation: (typeof REMEDIATION_IDS)[number];
    readonly resource: string;
    readonly summary: string;
    readonly before: State;
    readonly after: State;
    readonly params: State;
    /** A revert of a recent change: the key it sets back (lambdas/context/revert.ts replays it at approval). */
    readonly reverts?: { readonly key: string };
  };
  readonly planHash: string;
  readonly stateHash: string;
}

/** A proposal as stored: its body, who may use it, until when, and whether it was used. */
export interface StoredProposal extends ProposalBody {
  readonly id: string;
  readonly system: string;
  readonly family: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly expiresAt: Date;
  /** Who approved or rejected it, and when; absent while pending. */
  readonly decidedBy?: string;
  readonly decidedAt?: string;
}

/** The outcome of deciding a proposal: taken, or what it was found to be (single use, expiry). */
export type Decided = { readonly ok: true } | { readonly ok: false; readonly found?: StoredProposal };

export interface Proposals {
  /** Stores a new proposal (a conditional write: an id is never overwritten). */
  write(proposal: Omit<StoredProposal, 'status' | 'decidedBy' | 'decidedAt'>): Promise<void>;
  /** Undefined when there is none (never stored, or gone by TTL); throws where the table cannot be read or the item is not a proposal. */
  read(id: string): Promise<StoredProposal | undefined>;
  /** Marks a pending, unexpired proposal approved or rejected, once: one conditional write. */
  decide(id: string, decision: { readonly status: 'approved' | 'rejected'; readonly by: string; readonly now: Date }): Promise<Decided>;
}

const jsonObject: Schema<State> = {
  expected: 'an object',
  read: (v, path) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { ok: true, value: v as State } : { ok: false, path, expected: 'an object', received: v }),
};

const bodySchema = object({
  recordId: str(),
  alarm: object({ name: str(), arn: optional(str()), region: optional(str()), account: optional(str()), stateChangeTime: str() }),
  alertKind: str(),
  windowSeconds: int(),
  targetKey: str(),
  plan: object({ remediation: oneOf(...REMEDIATION_IDS), resource: str(), summary: anyText(), before: jsonObject, after: jsonObject, params: jsonObject, reverts: optional(object({ key: str() })) }),
  planHash: str(),
  stateHash: str(),
});

function bodyOf(p: ProposalBody): ProposalBody {
  return { recordId: p.recordId, alarm: p.alarm, alertKind: p.alertKind, windowSeconds: p.windowSeconds, targetKey: p.targetKey, plan: p.plan, planHash: p.planHash, stateHash: p.stateHash };
}

/**
 * The proposals of the state table, written by the responders only (operators get no write on
 * the table). Single use: `decide` takes a proposal from pending to approved or rejected with one
 * conditional write, so of two approvals at once exactly one wins.
 */
export function proposals(table: StateTable): Proposals {
  const parse = (id: string, item: Record<string, AttributeValue>): StoredProposal => {
    const where = `state table item ${proposalKey(id)}`;
    const [system, family, status, expiresAt, body] = [text(item.system), text(item.family), text(item.status), num(item.expiresAt), text(item.record)];
    if (!system || !family || (status !== 'pending' && status !== 'approved' && status !== 'rejected') || expiresAt === undefined || body === undefined) {
      throw new Error(`${where} is not a proposal`);
    }
    const read = bodySchema.read(JSON.parse(body) as unknown, 'record');
    if (!read.ok) throw new Error(`${where}: ${read.path} must be ${read.expected}`);
    const decidedBy = text(item.decidedBy);
    const decidedAt = text(item.decidedAt);
    return { id, system, family, status, expiresAt: new Date(expiresAt), ...read.value, ...(decidedBy ? { decidedBy } : {}), ...(decidedAt ? { decidedAt } : {}) };
  };
  return {
    async write(p) {
      await table.client.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: {
            ...key(proposalKey(p.id)),
            system: { S: p.system },
            family: { S: p.family },
            status: { S: 'pending' },
            expiresAt: { N: String(p.expiresAt.getTime()) },
            record: { S: JSON.stringify(bodyOf(p)) },
            expiration: { N: String(epochSeconds(p.expiresAt.getTime()) + PROPOSAL_KEPT_DAYS * 86_400) },
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
    },
    async read(id) {
      const got = await table.client.send(new GetItemCommand({ TableName: table.tableName, Key: key(proposalKey(id)), ConsistentRead: true }));
      return got.Item ? parse(id, got.Item) : undefined;
    },
    async decide(id, { status, by, now }) {
      try {
        await table.client.send(
          new UpdateItemCommand({
            TableName: table.tableName,
            Key: key(proposalKey(id)),
            UpdateExpression: 'SET #status = :status, decidedBy = :by, decidedAt = :at',
            ConditionExpression: '#status = :pending AND expiresAt > :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': { S: status },
              ':by': { S: by },
              ':at': { S: now.toISOString() },
              ':pending': { S: 'pending' },
              ':now': { N: String(now.getTime()) },
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { ok: true };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        const item = await failedItem(table, proposalKey(id), err);
        return { ok: false, found: item ? parse(id, item) : undefined };
      }
    },
  };
}
