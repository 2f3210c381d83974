import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { lockGuard } from '../../../lambdas/guardrails/lock-guard';
import { stateKeys, stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { T0, guardInput, minutes, target } from './fixtures';

let dynamo: LocalDynamo;
let table: StateTable;
let n = 0;
const fresh = () => target('lambda', `fn-lock-${++n}`, { name: `fn-lock-${n}` });
const lockItem = async (key: string) =>
  (await dynamo.client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: stateKeys.lock('rung', key) } }, ConsistentRead: true }))).Item;

beforeAll(async () => {
  dynamo = await startDynalite();
  table = stateTable(dynamo.tableName, dynamo.client);
});
afterAll(() => dynamo.close());

describe('lockGuard', () => {
  it('lets exactly one of two concurrent admissions on one resource through', async () => {
    const guard = lockGuard(table);
    const resource = fresh();
    const [a, b] = await Promise.all([guard.admit(guardInput({ resource })), guard.admit(guardInput({ resource, remediation: 'raise-reserved-concurrency' }))]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = a.ok ? b : a;
    expect(refused).toEqual({ ok: false, code: 'locked', escalate: false, reason: `locked: another action on ${resource.key} is in progress; it handles this incident` });
  });

  it('locks one resource only: another resource is admitted meanwhile', async () => {
    const guard = lockGuard(table);
    const held = await guard.admit(guardInput({ resource: fresh() }));
    expect(held.ok).toBe(true);
    expect((await guard.admit(guardInput({ resource: fresh() }))).ok).toBe(true);
  });

  it.each([true, false])('releases the lock when done (applied: %s)', async (applied) => {
    const guard = lockGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(applied);
    expect(await lockItem(resource.key)).toBeUndefined();
    expect((await guard.admit(guardInput({ resource }))).ok).toBe(true);
  });

  it('lapses after its expiry, so a crashed holder cannot block the resource forever', async () => {
    const guard = lockGuard(table, { seconds: 300 });
    const resource = fresh();
    expect((await guard.admit(guardInput({ resource }))).ok).toBe(true);
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 4) }))).ok).toBe(false);
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 6) }))).ok).toBe(true);
  });

  it('does not release a lock another responder took over after expiry', async () => {
    const guard = lockGuard(table);
    const resource = fresh();
    const stale = await guard.admit(guardInput({ resource }));
    const current = await guard.admit(guardInput({ resource, now: minutes(T0, 6) }));
    expect(current.ok).toBe(true);
    if (stale.ok) await stale.done(true);
    expect(await lockItem(resource.key)).toBeDefined();
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 7) }))).ok).toBe(false);
  });

  it('fails closed when the table cannot be written', async () => {
    const admission = await lockGuard(stateTable('no-such-table', dynamo.client)).admit(guardInput({ resource: fresh() }));
    expect(admission).toMatchObject({ ok: false, code: 'locked', escalate: true });
  });

  it('never throws from done, whatever happened to the table', async () => {
    const resource = fresh();
    const admission = await lockGuard(table).admit(guardInput({ resource }));
    await dynamo.client.send(new PutItemCommand({ TableName: table.tableName, Item: { id: { S: stateKeys.lock('rung', resource.key) }, owner: { S: 'someone-else' } } }));
    if (admission.ok) await expect(admission.done(true)).resolves.toBeUndefined();
    expect((await lockItem(resource.key))?.owner?.S).toBe('someone-else');
  });
});
