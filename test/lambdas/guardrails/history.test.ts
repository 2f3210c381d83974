/**
 * The recurrence brake and the fix score on the state table (dynalite): applies recorded with the
 * run's last writes, verdicts counted by the verifier, both read by the next run's ladder.
 */
import type { Alarm } from '../../../lambdas/core/alarm';
import type { ResultRecord } from '../../../lambdas/core/record';
import { createGuardrails, historyStore, readIntent, stateTable } from '../../../lambdas/guardrails';
import { HISTORY_KEPT } from '../../../lambdas/guardrails/history';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { verify } from '../../../lambdas/verifier/verify';
import { alarmEvent } from '../../helpers/alarm-event';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';
import { LATENCY, T0, countingEscalation, countingRemediation, guardInput, minutes } from './fixtures';
import { planOf } from '../../helpers/responder-settings';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

const time = (d: Date) => d.toISOString().replace('Z', '+0000');
const days = (d: Date, n: number) => minutes(d, n * 24 * 60);

async function setup(settings = settingsForAlarm(LATENCY)) {
  const table = await dynamo.newTable();
  const guardrails = createGuardrails({ ...settings, stateTable: table }, { dynamodb: dynamo.client });
  const pc = countingRemediation('raise-provisioned-concurrency');
  const esc = countingEscalation();
  const deps: RespondDeps = {
    settings,
    remediations: { 'raise-provisioned-concurrency': pc.remediation },
    escalate: esc.fn,
    self: { account: ACCOUNT, region: 'us-east-1' },
    guard: guardrails.guard,
    applied: guardrails.applied,
  };
  /** One delivery of a transition at `at`, handled a minute later. */
  const run = (at: Date) => {
    const [outcome] = parseInvocation(alarmEvent({ name: LATENCY, time: time(at) }));
    return respond(outcome, { ...deps, ...trusting(minutes(at, 1)).deps, ...echoOf(outcome) });
  };
  const local = stateTable(table, dynamo.client);
  const history = historyStore(local);
  /** The verifier's re-check of a run, finding the alarm in `state`. */
  const recheck = (record: Pick<ResultRecord, 'recordId' | 'time'>, state: Alarm['state']) =>
    verify(
      { recordId: record.recordId, alarmName: LATENCY, system: 'rung', family: 'lambda', appliedAt: record.time, summary: 'raise', resourceKey: 'rung-api-prod' },
      {
        escalationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ar-escalations',
        state: { readApplied: (id) => guardrails.applied.read(id), readIntent: (s, k) => readIntent(local, s, k), recordOutcome: (k, e) => history.recordOutcome(k, e) },
        lookup: async () => ({ name: LATENCY, state, reason: '', stateChangeTime: T0, stateChangeTimeRaw: '', metrics: [] }),
        escalate: async () => ({ messageId: 'esc-1', diagnostics: {} }),
        now: () => minutes(new Date(record.time), 10),
      },
    );
  return { run, pc, esc, history, recheck, guardrails };
}

const KEY = { system: 'rung', resourceKey: 'rung-api-prod', remediation: 'raise-provisioned-concurrency' };

describe('the recurrence brake on the state table', () => {
  it('applies 3 times in 7 days, then proposes the 4th with the history and the permanent fix; auto again once the window has passed', async () => {
    const { run, pc, esc } = await setup();
    // An hour apart: past the 15-minute cooldown each time.
    const first = await run(T0);
    expect(first).toMatchObject({ decision: 'applied', actions: [{ level: { level: 'auto' }, fixScore: { recovered: 0, failed: 0 } }] });
    expect(await run(minutes(T0, 60))).toMatchObject({ decision: 'applied' });
    expect(await run(days(T0, 6))).toMatchObject({ decision: 'applied' });
    expect(pc.applied).toHaveLength(3);
    expect(esc.calls).toHaveLength(0);

    const braked = await run(days(T0, 6.5));
    expect(braked).toMatchObject({ decision: 'escalated', reasonCode: 'propose', escalation: { published: true } });
    expect(pc.applied).toHaveLength(3);
    const [action] = braked.actions;
    expect(action.level?.why).toMatch(/^recurrence brake: raise-provisioned-concurrency was applied to "rung-api-prod" 3 times in the last 7 days .*to make the fix permanent: raise the alias's provisioned concurrency in its template/);
    expect(action.recurrence).toMatchObject({ days: 7, applies: [{ recordId: first.recordId, at: minutes(T0, 1).toISOString(), before: '{"value":10}', after: '{"value":20}' }, {}, {}] });
    // The escalation carries the record's actions, history included.
    expect(esc.calls[0].reason).toContain('recurrence brake');
    expect(esc.calls[0].record).toMatchObject({ actions: [{ recurrence: { permanentFix: expect.stringContaining('ProvisionedConcurrencyConfig') } }] });

    // 8 days after the first two, only the third is in the window.
    expect(await run(days(T0, 8))).toMatchObject({ decision: 'applied' });
  });

  it('keeps a bounded history', async () => {
    const { history } = await setup();
    for (let i = 0; i < HISTORY_KEPT + 5; i += 1) {
      await history.recordApply(KEY, { at: minutes(T0, i).toISOString(), recordId: `r-${i}`, summary: 's', before: '{}', after: '{}' });
    }
    const read = (await history.read([KEY])).get('history#rung#rung-api-prod#raise-provisioned-concurrency');
    expect(read?.applies).toHaveLength(HISTORY_KEPT);
    expect(read?.applies[0].recordId).toBe('r-5');
  });
});

describe('the fix score on the state table', () => {
  it('the verifier counts each verdict; after 2 failed re-checks the remediation is proposed there, and the record carries the score', async () => {
    const { run, pc, recheck } = await setup();
    const first = await run(T0);
    const checked = await recheck(first, 'ALARM');
    expect(checked).toMatchObject({ outcome: 'still-alarm', scores: [{ remediation: 'raise-provisioned-concurrency', targetKey: 'rung-api-prod', recovered: 0, failed: 1 }] });
    // A redelivered re-check counts once.
    expect((await recheck(first, 'ALARM')).scores).toEqual([{ remediation: 'raise-provisioned-concurrency', targetKey: 'rung-api-prod', recovered: 0, failed: 1 }]);

    // One failure does not demote.
    const second = await run(minutes(T0, 60));
    expect(second).toMatchObject({ decision: 'applied', actions: [{ fixScore: { recovered: 0, failed: 1, recent: ['still-alarm'] } }] });
    await recheck(second, 'ALARM');

    const third = await run(minutes(T0, 120));
    expect(third).toMatchObject({ decision: 'escalated', reasonCode: 'propose', actions: [{ fixScore: { recovered: 0, failed: 2 } }] });
    expect(third.actions[0].level?.why).toContain('fix score: the last 2 re-checks of raise-provisioned-concurrency on "rung-api-prod" found the alarm still firing');
    expect(pc.applied).toHaveLength(2);
  });

  it('a recovery in between keeps it auto', async () => {
    const { run, recheck } = await setup();
    await recheck(await run(T0), 'ALARM');
    expect((await recheck(await run(minutes(T0, 60)), 'OK')).scores).toMatchObject([{ recovered: 1, failed: 1 }]);
    expect(await run(minutes(T0, 120))).toMatchObject({ decision: 'applied', actions: [{ fixScore: { recovered: 1, failed: 1, recent: ['still-alarm', 'recovered'] } }] });
  });
});

describe('promotion on the state table', () => {
  it('an approved apply is kept as approved; once it recovered, a remediation at propose is applied on its own (promoteAfter 1)', async () => {
    const settings = settingsForAlarm(
      LATENCY,
      planOf({
        prefix: 'ar',
        autonomy: { promoteAfter: 1 },
        systems: [{ id: 'rung', resources: { lambda: [{ name: 'rung-api-prod', alias: 'prod', autonomy: { remediations: { 'raise-provisioned-concurrency': 'propose' } } }] } }],
      }),
    );
    const { run, pc, history, recheck, guardrails } = await setup(settings);
    expect(await run(T0)).toMatchObject({ decision: 'escalated', reasonCode: 'propose' });

    // A person approved the plan: the approval applies it through the guards, saying who approved.
    const input = guardInput({ settings, now: minutes(T0, 5) });
    const admission = await guardrails.guard.admit({ ...input, level: { level: 'auto', why: 'approved by oncall', approvedBy: 'arn:aws:iam::123456789012:role/oncall' } });
    if (!admission.ok) throw new Error(admission.reason);
    await admission.done(true);
    await guardrails.applied.write({ recordId: input.run.recordId, system: 'rung', family: 'lambda', status: 'applied', appliedAt: minutes(T0, 5).toISOString(), actions: [{ targetKey: 'rung-api-prod', action: { remediation: 'raise-provisioned-concurrency', resource: 'rung-api-prod', before: {}, after: {}, params: {} } }] });
    const [kept] = (await history.read([KEY])).get('history#rung#rung-api-prod#raise-provisioned-concurrency')?.applies ?? [];
    expect(kept).toMatchObject({ recordId: input.run.recordId, approvedBy: 'arn:aws:iam::123456789012:role/oncall' });

    // Still propose until its re-check found the alarm recovered.
    expect(await run(minutes(T0, 30))).toMatchObject({ reasonCode: 'propose' });
    await recheck({ recordId: input.run.recordId, time: minutes(T0, 5).toISOString() }, 'OK');
    const promoted = await run(minutes(T0, 60));
    expect(promoted).toMatchObject({ decision: 'applied', actions: [{ level: { level: 'auto', why: expect.stringContaining('promoted from propose to auto on "rung-api-prod": 1 approved runs recovered') } }] });
    expect(pc.applied).toHaveLength(1);
  });
});
