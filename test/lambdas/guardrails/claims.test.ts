import { claims, type Claim } from '../../../lambdas/guardrails/claims';
import { stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { T0, minutes } from './fixtures';

let dynamo: LocalDynamo;
let table: StateTable;
let n = 0;
/** A transition of a fresh alarm: the tests share one table. */
const transition = (stateTimestamp = T0) => ({ alarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:ar-rung-high-latency-fn-${++n}`, stateTimestamp });
const run = (now = T0) => ({ now, deadline: minutes(now, 1) });
const claimed = (c: Claim) => (c.kind === 'claimed' ? c : undefined);

beforeAll(async () => {
  dynamo = await startDynalite();
  table = stateTable(dynamo.tableName, dynamo.client);
});
afterAll(() => dynamo.close());

describe('claims', () => {
  it('claims a transition once; a later claim is a duplicate naming the outcome stored', async () => {
    const store = claims(table);
    const t = transition();
    const first = claimed(await store.claim(t, run()));
    await first?.complete({ recordId: 'record-1', decision: 'applied', reasonCode: 'applied' });
    expect(await store.claim(t, run(minutes(T0, 5)))).toEqual({ kind: 'duplicate', reason: 'duplicate: this alarm transition was already handled: see record record-1 (applied, applied)' });
  });

  it('lets exactly one of many concurrent claims of one transition through', async () => {
    const store = claims(table);
    const t = transition();
    const all = await Promise.all(Array.from({ length: 10 }, () => store.claim(t, run())));
    expect(all.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(all.filter((c) => c.kind === 'duplicate')).toEqual(
      Array.from({ length: 9 }, () => ({ kind: 'duplicate', reason: 'duplicate: another delivery of this alarm transition is being handled (its run ends by 2026-11-23T03:13:45.123Z)' })),
    );
  });

  it('keys on the alarm and its own transition time: another transition of the alarm is claimed anew', async () => {
    const store = claims(table);
    const t = transition();
    expect((await store.claim(t, run())).kind).toBe('claimed');
    expect((await store.claim({ ...t, stateTimestamp: minutes(T0, 2) }, run())).kind).toBe('claimed');
  });

  it('frees the claim of a run that died at its deadline, so a retry runs; the dead run cannot overwrite the new outcome', async () => {
    const store = claims(table);
    const t = transition();
    const dead = claimed(await store.claim(t, run()));
    expect((await store.claim(t, run(minutes(T0, 0.5)))).kind).toBe('duplicate');
    const retry = claimed(await store.claim(t, run(minutes(T0, 2))));
    expect(retry).toBeDefined();
    await retry?.complete({ recordId: 'retry', decision: 'skipped', reasonCode: 'interrupted' });
    await dead?.complete({ recordId: 'dead', decision: 'applied', reasonCode: 'applied' });
    expect(await store.claim(t, run(minutes(T0, 3)))).toMatchObject({ reason: expect.stringContaining('record retry (skipped, interrupted)') });
  });

  it('throws where the state table cannot be reached (the caller records state-unavailable)', async () => {
    await expect(claims(stateTable('no-such-table', dynamo.client)).claim(transition(), run())).rejects.toThrow(/Requested resource not found/);
  });
});
