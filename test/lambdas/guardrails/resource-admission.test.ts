import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { readIntent, resourceAdmissionGuard } from '../../../lambdas/guardrails/resource-admission';
import { stateKeys, stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { T0, guardInput, minutes, target } from './fixtures';

let dynamo: LocalDynamo;
let table: StateTable;
let n = 0;
/** A fresh resource per test: the tests share one table. */
const fresh = () => target('lambda', `fn-admit-${++n}`, { name: `fn-admit-${n}` });
const item = async (key: string) =>
  (await dynamo.client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: stateKeys.resource('rung', key) } }, ConsistentRead: true }))).Item;

beforeAll(async () => {
  dynamo = await startDynalite();
  table = stateTable(dynamo.tableName, dynamo.client);
});
afterAll(() => dynamo.close());

describe('resourceAdmissionGuard: the lock', () => {
  it('lets exactly one of many concurrent admissions on one resource through, whatever the remediation', async () => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) => guard.admit(guardInput({ resource, remediation: i % 2 === 0 ? 'raise-provisioned-concurrency' : 'raise-reserved-concurrency' }))),
    );
    expect(all.filter((a) => a.ok)).toHaveLength(1);
    expect(all.filter((a) => !a.ok)).toEqual(Array.from({ length: 9 }, () => expect.objectContaining({ code: 'locked', escalate: false, reason: expect.stringMatching(/^locked: .* is in progress; it handles this incident$/) })));
  });

  it('locks one resource only: another resource is admitted meanwhile', async () => {
    const guard = resourceAdmissionGuard(table);
    expect((await guard.admit(guardInput({ resource: fresh() }))).ok).toBe(true);
    expect((await guard.admit(guardInput({ resource: fresh() }))).ok).toBe(true);
  });

  it('records the run\'s intent while it holds the resource, and removes it on release', async () => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    const admission = await guard.admit(guardInput({ resource, recordId: 'record-1', deadline: minutes(T0, 1) }));
    expect(await readIntent(table, 'rung', resource.key)).toEqual({ recordId: 'record-1', deadline: minutes(T0, 1) });
    expect((await item(resource.key))?.intent?.M).toMatchObject({ remediation: { S: 'raise-provisioned-concurrency' }, summary: { S: '2 -> 4' } });
    if (admission.ok) await admission.done(true);
    expect(await readIntent(table, 'rung', resource.key)).toBeUndefined();
  });
});

describe('resourceAdmissionGuard: an interrupted run (item 5)', () => {
  it('refuses and escalates while an intent is left past its run\'s deadline, naming the run; frees the resource after the hold', async () => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    // The run died: it never released.
    expect((await guard.admit(guardInput({ resource, recordId: 'dead-run', deadline: minutes(T0, 1) }))).ok).toBe(true);
    const during = await guard.admit(guardInput({ resource, now: minutes(T0, 0.5) }));
    expect(during).toMatchObject({ ok: false, code: 'locked', escalate: false });
    const after = await guard.admit(guardInput({ resource, now: minutes(T0, 3), remediation: 'raise-reserved-concurrency' }));
    expect(after).toMatchObject({ ok: false, code: 'interrupted', escalate: true, reason: expect.stringContaining('record dead-run') });
    // Held for the cooldown (15 minutes) and 5 more after the deadline.
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 20.5), remediation: 'raise-reserved-concurrency' }))).ok).toBe(false);
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 21.5), remediation: 'raise-reserved-concurrency' }))).ok).toBe(true);
  });
});

describe('resourceAdmissionGuard: the cooldown', () => {
  it('refuses a second action of a remediation within the cooldown, saying when it ends', async () => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(true);
    expect(await guard.admit(guardInput({ resource, now: minutes(T0, 14) }))).toEqual({
      ok: false,
      code: 'cooldown',
      escalate: false,
      reason: `cooldown: raise-provisioned-concurrency acted on ${resource.key} within the last 15 minutes; the cooldown ends at 2026-11-23T03:27:45.123Z`,
    });
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 15.01) }))).ok).toBe(true);
  });

  it('is per remediation (and undo has its own): another remediation is admitted once the lock is released', async () => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(true);
    expect((await guard.admit(guardInput({ resource, remediation: 'raise-reserved-concurrency' }))).ok).toBe(true);
    const undo = await guard.admit(guardInput({ resource, now: minutes(T0, 1), cooldownKey: 'undo:raise-reserved-concurrency' }));
    expect(undo).toMatchObject({ ok: false, code: 'locked' });
  });

  it.each([
    [true, false],
    [false, true],
  ])('after changed=%s, a retry within the cooldown is admitted: %s', async (changed, admitted) => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(changed);
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 1) }))).ok).toBe(admitted);
  });

  it('keeps no cooldown with cooldownMinutes 0', async () => {
    const guard = resourceAdmissionGuard(table);
    const resource = fresh();
    const input = guardInput({ resource, guardrails: { cooldownMinutes: 0 } });
    const first = await guard.admit(input);
    if (first.ok) await first.done(true);
    expect((await guard.admit(input)).ok).toBe(true);
  });
});

describe('resourceAdmissionGuard: failures', () => {
  it('fails closed and escalates when the state table cannot be written: state-unavailable', async () => {
    const admission = await resourceAdmissionGuard(stateTable('no-such-table', dynamo.client)).admit(guardInput({ resource: fresh() }));
    expect(admission).toMatchObject({ ok: false, code: 'state-unavailable', escalate: true, reason: expect.stringMatching(/^state table unavailable: could not check the lock on .*not acting$/) });
  });

  it('never throws from done, and leaves alone an item another run took', async () => {
    const resource = fresh();
    const admission = await resourceAdmissionGuard(table).admit(guardInput({ resource }));
    await dynamo.client.send(new PutItemCommand({ TableName: table.tableName, Item: { id: { S: stateKeys.resource('rung', resource.key) }, intent: { M: { owner: { S: 'someone-else' }, recordId: { S: 'other' } } } } }));
    if (admission.ok) await expect(admission.done(true)).resolves.toBeUndefined();
    expect((await readIntent(table, 'rung', resource.key))?.recordId).toBe('other');
  });
});
