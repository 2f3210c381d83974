import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { cooldownGuard } from '../../../lambdas/guardrails/cooldown-guard';
import { stateKeys, stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { T0, guardInput, minutes, target } from './fixtures';

let dynamo: LocalDynamo;
let table: StateTable;
let n = 0;
/** A fresh resource per test: the tests share one table. */
const fresh = () => target('lambda', `fn-cooldown-${++n}`, { name: `fn-cooldown-${n}` });

beforeAll(async () => {
  dynamo = await startDynalite();
  table = stateTable(dynamo.tableName, dynamo.client);
});
afterAll(() => dynamo.close());

describe('cooldownGuard', () => {
  it('admits the first action and refuses a second within the cooldown, saying when it ends', async () => {
    const guard = cooldownGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    expect(first.ok).toBe(true);
    if (first.ok) await first.done(true);
    const second = await guard.admit(guardInput({ resource, now: minutes(T0, 14) }));
    expect(second).toEqual({
      ok: false,
      code: 'cooldown',
      escalate: false,
      reason: `cooldown: raise-provisioned-concurrency acted on ${resource.key} within the last 15 minutes; the cooldown ends at 2026-11-23T03:27:45.123Z`,
    });
  });

  it('admits again once the cooldown has ended', async () => {
    const guard = cooldownGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(true);
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 15.01) }))).ok).toBe(true);
  });

  it('keeps the reservation after an applied action, with its TTL', async () => {
    const resource = fresh();
    const first = await cooldownGuard(table).admit(guardInput({ resource }));
    if (first.ok) await first.done(true);
    const id = stateKeys.cooldown('raise-provisioned-concurrency', 'rung', resource.key);
    const { Item } = await dynamo.client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: id } } }));
    expect(Item?.expiration?.N).toBe(String(Math.ceil(minutes(T0, 15).getTime() / 1000)));
  });

  it('lets a retry through after a failed or refused apply (done(false))', async () => {
    const guard = cooldownGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(false);
    expect((await guard.admit(guardInput({ resource, now: minutes(T0, 1) }))).ok).toBe(true);
  });

  it('is per remediation: another remediation on the same resource is admitted', async () => {
    const guard = cooldownGuard(table);
    const resource = fresh();
    const first = await guard.admit(guardInput({ resource }));
    if (first.ok) await first.done(true);
    expect((await guard.admit(guardInput({ resource, remediation: 'raise-reserved-concurrency' }))).ok).toBe(true);
  });

  it('admits exactly one of many concurrent admissions on one resource', async () => {
    const guard = cooldownGuard(table);
    const resource = fresh();
    const all = await Promise.all(Array.from({ length: 20 }, () => guard.admit(guardInput({ resource }))));
    expect(all.filter((a) => a.ok)).toHaveLength(1);
  });

  it('keeps no state with a cooldown of 0 minutes', async () => {
    const guard = cooldownGuard(table);
    const resource = fresh();
    const input = guardInput({ resource, guardrails: { cooldownMinutes: 0 } });
    const first = await guard.admit(input);
    if (first.ok) await first.done(true);
    expect((await guard.admit(input)).ok).toBe(true);
  });

  it('fails closed and escalates when its state cannot be read', async () => {
    const admission = await cooldownGuard(stateTable('no-such-table', dynamo.client)).admit(guardInput({ resource: fresh() }));
    expect(admission).toMatchObject({ ok: false, code: 'cooldown', escalate: true, reason: expect.stringMatching(/^could not check the cooldown .*not acting$/) });
  });
});
