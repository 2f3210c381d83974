import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { circuitBreakerGuard } from '../../../lambdas/guardrails/circuit-breaker';
import type { Admission } from '../../../lambdas/guardrails/guard';
import { stateKeys, stateTable, type StateTable } from '../../../lambdas/guardrails/state-table';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { guardInput, minutes } from './fixtures';

let dynamo: LocalDynamo;
/** Each test its own table: the breaker is one item for the whole deployment. */
let table: StateTable;
beforeAll(async () => {
  dynamo = await startDynalite();
});
beforeEach(async () => {
  table = stateTable(await dynamo.newTable(), dynamo.client);
});
afterAll(() => dynamo.close());

const BOUNDARY = new Date('2026-11-23T04:00:00.000Z');
const at = (ms: number) => new Date(BOUNDARY.getTime() + ms);
/** As a run does: the window read as planning starts, then the admission. */
function admit(guard: ReturnType<typeof circuitBreakerGuard>, now: Date, max = 20): Promise<Admission> {
  guard.prepare?.(now);
  return guard.admit(guardInput({ now, guardrails: { maxActionsPerHour: max } }));
}
const admittedOf = (all: readonly Admission[]) => all.filter((a) => a.ok).length;

describe('circuitBreakerGuard: a sliding window (item 9)', () => {
  it('admits 20 of 40 actions in one second across an hour boundary, with a limit of 20', async () => {
    const guard = circuitBreakerGuard(table);
    const results: Admission[] = [];
    // 20 in the last half second of 03:59, 20 in the first half second of 04:00.
    for (let i = 0; i < 40; i += 1) results.push(await admit(guard, at(-500 + i * 25)));
    expect(admittedOf(results)).toBe(20);
    expect(results.slice(20)).toEqual(Array.from({ length: 20 }, () => expect.objectContaining({ ok: false, code: 'circuit-breaker', escalate: true })));
  });

  it('frees a place an hour after it was taken, not at the top of the hour', async () => {
    const guard = circuitBreakerGuard(table);
    for (let i = 0; i < 3; i += 1) expect((await admit(guard, minutes(BOUNDARY, -30 + i), 3)).ok).toBe(true);
    const full = await admit(guard, minutes(BOUNDARY, 10), 3);
    expect(full).toMatchObject({ ok: false, reason: expect.stringMatching(/3 automatic actions admitted in the last hour \(maxActionsPerHour 3\) \(a place frees at 2026-11-23T04:30:00.000Z\)/) });
    expect((await admit(guard, minutes(BOUNDARY, 30.01), 3)).ok).toBe(true);
    expect((await admit(guard, minutes(BOUNDARY, 30.02), 3)).ok).toBe(false);
  });

  it('admits exactly the limit of many concurrent admissions (conflicts retried on the item returned)', async () => {
    const guard = circuitBreakerGuard(table);
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => admit(guard, at(i), 5)));
    expect(admittedOf(all)).toBe(5);
  });

  it('gives the place back when nothing changed, keeps it when something did', async () => {
    const guard = circuitBreakerGuard(table);
    const kept = await admit(guard, BOUNDARY, 2);
    const givenBack = await admit(guard, at(1), 2);
    if (kept.ok) await kept.done(true);
    if (givenBack.ok) await givenBack.done(false);
    expect((await admit(guard, at(2), 2)).ok).toBe(true);
    expect((await admit(guard, at(3), 2)).ok).toBe(false);
  });

  it('drops expired places when the window is full of them, and only then', async () => {
    const guard = circuitBreakerGuard(table);
    for (let i = 0; i < 3; i += 1) await admit(guard, minutes(BOUNDARY, i), 3);
    expect((await admit(guard, minutes(BOUNDARY, 90), 3)).ok).toBe(true);
    const { Item } = await dynamo.client.send(new GetItemCommand({ TableName: table.tableName, Key: { id: { S: stateKeys.breaker() } }, ConsistentRead: true }));
    expect(Object.keys(Item?.admissions?.M ?? {})).toHaveLength(1);
  });

  it('refuses everything with a limit of 0, and fails closed when the table cannot be read', async () => {
    expect(await admit(circuitBreakerGuard(table), BOUNDARY, 0)).toMatchObject({ ok: false, code: 'circuit-breaker' });
    expect(await admit(circuitBreakerGuard(stateTable('no-such-table', dynamo.client)), BOUNDARY)).toMatchObject({ ok: false, code: 'state-unavailable', escalate: true });
  });
});
