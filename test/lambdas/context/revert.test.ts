/**
 * Issue 14 item 3: where the alarm follows a change the responder knows how to reverse, the plan
 * prefers reverting it, from a previous value CloudTrail recorded; a revert is at most proposed
 * unless `context.allowRevert`.
 */
import { contextReads } from '../../../lambdas/context';
import { replayRevert } from '../../../lambdas/context/revert';
import type { ChangePlan } from '../../../lambdas/core/remediation';
import { planHashes } from '../../../lambdas/pipeline/plan-hash';
import type { Escalate } from '../../../lambdas/escalation/escalate-alarm';
import type { Guard } from '../../../lambdas/guardrails/guard';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond } from '../../../lambdas/pipeline/respond';
import { CONTEXT_PROBES, REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import type { ResponderSettings } from '../../../lambdas/runtime/settings';
import { mutatingCommandsSent, resetAllClients, sentCommands, type SentCommand } from '../../helpers/all-clients-mock';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';

const NOW = new Date('2026-11-23T03:20:00.000Z');
const THROTTLES = 'ar-rung-lambda-throttles-rung-api-prod';
const ROLE = 'arn:aws:sts::123456789012:assumed-role/deployer/alice';
const admitAll: Guard = { admit: async () => ({ ok: true, done: async () => undefined }) };

const concurrencyEvent = (id: string, time: string, reserved: number) => ({
  EventId: id,
  EventName: 'PutFunctionConcurrency20171031',
  EventSource: 'lambda.amazonaws.com',
  EventTime: new Date(time),
  ReadOnly: 'false',
  CloudTrailEvent: JSON.stringify({
    eventName: 'PutFunctionConcurrency20171031',
    eventSource: 'lambda.amazonaws.com',
    eventTime: time,
    userIdentity: { type: 'AssumedRole', arn: ROLE },
    requestParameters: { functionName: 'rung-api-prod', reservedConcurrentExecutions: reserved },
  }),
});

/** Reserved concurrency cut from 80 to 20 twelve minutes before the alarm, both calls in CloudTrail. */
function aws(events: unknown[]) {
  return (c: SentCommand): unknown => {
    if (c.operation === 'GetFunctionConcurrency') return { ReservedConcurrentExecutions: 20 };
    if (c.operation === 'GetAccountSettings') return { AccountLimit: { UnreservedConcurrentExecutions: 900 } };
    if (c.operation === 'PutFunctionConcurrency') return { ReservedConcurrentExecutions: (c.input as { ReservedConcurrentExecutions: number }).ReservedConcurrentExecutions };
    if (c.operation === 'GetAlias') return { FunctionVersion: '7' };
    if (c.operation === 'LookupEvents') return { Events: events };
    return {};
  };
}
const CUT = [concurrencyEvent('e2', '2026-11-23T03:08:00Z', 20), concurrencyEvent('e1', '2026-11-23T02:30:00Z', 80)];

async function run(events: unknown[], allowRevert = false) {
  resetAllClients(aws(events));
  const escalations: Parameters<Escalate>[0][] = [];
  const escalate: Escalate = async (input) => {
    escalations.push(input);
    return { messageId: 'escalation-1', diagnostics: {} };
  };
  const [outcome] = parseInvocation(alarmEvent({ name: THROTTLES }));
  const base = settingsForAlarm(THROTTLES);
  const settings: ResponderSettings = { ...base, context: { ...base.context, allowRevert } };
  const record = await respond(outcome, {
    settings,
    remediations: REMEDIATION_REGISTRY,
    escalate,
    guard: admitAll,
    self: { account: ACCOUNT, region: 'us-east-1' },
    context: contextReads(settings.context, CONTEXT_PROBES),
    ...trusting(NOW).deps,
    ...echoOf(outcome),
  });
  return { record, escalations };
}

describe('a revert preferred after a recorded change', () => {
  test('reserved concurrency cut from 80 to 20: the plan reverts to 80 (not the step raise), at most proposed: planned and escalated', async () => {
    const { record, escalations } = await run(CUT);
    expect(mutatingCommandsSent()).toEqual([]);
    expect(record.actions).toMatchObject([
      {
        remediation: 'raise-reserved-concurrency',
        decision: 'planned',
        plan: { params: { functionName: 'rung-api-prod', reservedConcurrency: 80 }, after: { reservedConcurrency: 80 } },
      },
    ]);
    const [action] = record.actions;
    // The ladder takes the lower of its level and the plan's atMost.
    expect(action.reason).toContain('propose: a revert of a recent change is at most proposed unless context.allowRevert is true');
    expect(action.reason).toContain(`revert the recent change (ReservedConcurrentExecutions set to 20 at 2026-11-23T03:08:00.000Z by ${ROLE}`);
    expect(action.reason).toContain('to 80, from an earlier CloudTrail event (e1, 2026-11-23T02:30:00.000Z)');
    expect(escalations).toHaveLength(1);
    // The escalation carries the context: the recent changes it was decided on.
    expect(escalations[0].record).toMatchObject({ context: { recentChanges: [expect.objectContaining({ eventId: 'e1' }), expect.objectContaining({ eventId: 'e2', changed: expect.objectContaining({ from: 80, to: 20 }) })] } });
  });

  test('with context.allowRevert, the revert applies: PutFunctionConcurrency sets the previous 80', async () => {
    const { record } = await run(CUT, true);
    expect(record).toMatchObject({ decision: 'applied' });
    const put = sentCommands().find((c) => c.operation === 'PutFunctionConcurrency');
    expect(put?.input).toEqual({ FunctionName: 'rung-api-prod', ReservedConcurrentExecutions: 80 });
  });

  test('a cut whose previous value CloudTrail does not hold (the first event in the window): said, not reverted; the usual raise applies', async () => {
    const { record } = await run([CUT[0]]);
    expect(record).toMatchObject({ decision: 'applied' });
    expect(record.actions[0].reason).toContain('its previous value cannot be known from a verifiable source, so it is not reverted');
    const put = sentCommands().find((c) => c.operation === 'PutFunctionConcurrency');
    expect(put?.input).toEqual({ FunctionName: 'rung-api-prod', ReservedConcurrentExecutions: 30 });
  });
});

describe('replayRevert: an approved revert is planned again as that revert', () => {
  const fresh: ChangePlan = {
    kind: 'change', remediation: 'raise-reserved-concurrency', resource: 'rung-api-prod', summary: 'raise reserved concurrency 20 → 40',
    before: { reservedConcurrency: 20 }, after: { reservedConcurrency: 40 }, params: { reservedConcurrency: 40 },
  };
  const proposed = { ...fresh, summary: 'revert the recent change (…) to 80', after: { reservedConcurrency: 80 }, params: { reservedConcurrency: 80 }, reverts: { key: 'reservedConcurrency' } };

  it('sets back the value the proposal set back, so the plan hash the person approved matches', () => {
    const replayed = replayRevert(fresh, proposed);
    expect(replayed).toMatchObject({ params: { reservedConcurrency: 80 }, after: { reservedConcurrency: 80 }, summary: proposed.summary });
    expect(planHashes(replayed)).toEqual(planHashes(proposed));
    expect(planHashes(fresh).planHash).not.toEqual(planHashes(proposed).planHash);
  });

  it('leaves a plan that was no revert, or of another remediation, as planned', () => {
    expect(replayRevert(fresh, { ...fresh, params: { reservedConcurrency: 80 } })).toBe(fresh);
    expect(replayRevert(fresh, { ...proposed, remediation: 'double-lambda-memory' })).toBe(fresh);
  });
});
