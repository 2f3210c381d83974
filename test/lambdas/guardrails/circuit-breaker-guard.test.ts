import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { allGuards } from '../../../lambdas/guardrails/guard';
import { circuitBreakerGuard } from '../../../lambdas/guardrails/circuit-breaker-guard';
import { lockGuard } from '../../../lambdas/guardrails/lock-guard';
import { stateKeys, stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { T0, guardInput, minutes, target } from './fixtures';

let dynamo: LocalDynamo;
let table: StateTable;
let hour = 0;
/** A fresh UTC hour per test: the counter is per hour and the tests share one table. */
const freshHour = () => minutes(T0, 60 * ++hour);
const counted = async (now: Date) =>
  (await dynamo.client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: stateKeys.breaker(now) } }, ConsistentRead: true }))).Item?.count?.N;
const resource = (i: number) => target('lambda', `fn-breaker-${i}`, { name: `fn-breaker-${i}` });

beforeAll(async () => {
  dynamo = await startDynalite();
  table = stateTable(dynamo.tableName, dynamo.client);
});
afterAll(() => dynamo.close());

describe('circuitBreakerGuard', () => {
  it('admits exactly maxActionsPerHour concurrent actions in an hour, then refuses and escalates', async () => {
    const now = freshHour();
    const guard = circuitBreakerGuard(table);
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => guard.admit(guardInput({ resource: resource(i), now, guardrails: { maxActionsPerHour: 5 } }))));
    expect(all.filter((a) => a.ok)).toHaveLength(5);
    expect(all.find((a) => !a.ok)).toEqual({
      ok: false,
      code: 'circuit-breaker',
      escalate: true,
      reason: `circuit breaker: 5 automatic actions already admitted in the hour ${now.toISOString().slice(0, 13)} UTC (maxActionsPerHour 5); people decide`,
    });
    expect(await counted(now)).toBe('5');
  });

  it('counts per UTC hour: the next hour admits again', async () => {
    const now = freshHour();
    const guard = circuitBreakerGuard(table, { maxActionsPerHour: 1 });
    expect((await guard.admit(guardInput({ now }))).ok).toBe(true);
    expect((await guard.admit(guardInput({ now }))).ok).toBe(false);
    expect((await guard.admit(guardInput({ now: minutes(now, 60) }))).ok).toBe(true);
    hour++;
  });

  it('gives the slot back when the action was not applied, and keeps it when it was', async () => {
    const now = freshHour();
    const guard = circuitBreakerGuard(table, { maxActionsPerHour: 2 });
    const failed = await guard.admit(guardInput({ now }));
    if (failed.ok) await failed.done(false);
    expect(await counted(now)).toBe('0');
    const applied = await guard.admit(guardInput({ now }));
    if (applied.ok) await applied.done(true);
    expect(await counted(now)).toBe('1');
  });

  it('gives the slot back when a later guard refuses (a held lock)', async () => {
    const now = freshHour();
    const locks = lockGuard(table);
    const held = await locks.admit(guardInput({ resource: resource(99), now }));
    expect(held.ok).toBe(true);
    const refused = await allGuards([circuitBreakerGuard(table), locks]).admit(guardInput({ resource: resource(99), now }));
    expect(refused).toMatchObject({ ok: false, code: 'locked' });
    expect(await counted(now)).toBe('0');
  });

  it('refuses everything with maxActionsPerHour 0', async () => {
    const now = freshHour();
    expect(await circuitBreakerGuard(table).admit(guardInput({ now, guardrails: { maxActionsPerHour: 0 } }))).toMatchObject({ ok: false, code: 'circuit-breaker' });
    expect(await counted(now)).toBeUndefined();
  });

  it('fails closed when the table cannot be written', async () => {
    const admission = await circuitBreakerGuard(stateTable('no-such-table', dynamo.client)).admit(guardInput({ now: freshHour() }));
    expect(admission).toMatchObject({ ok: false, code: 'circuit-breaker', escalate: true });
  });
});
