import type { Alarm } from '../../../lambdas/core/alarm';
import type { EscalationInput } from '../../../lambdas/escalation/publish';
import type { VerificationRequest } from '../../../lambdas/pipeline/verification';
import { verify, type VerifierState } from '../../../lambdas/verifier/verify';

/** The re-check of an action held for a deployment (issue 14): nothing was applied, so the state table knows no run. */
const held: VerificationRequest = {
  recordId: '5d1f0c2e-8a7b-4c3d-9e10-2b3c4d5e6f70',
  alarmName: 'ar-rung-lambda-throttles-rung-api-prod',
  system: 'rung',
  family: 'lambda',
  alertKind: 'lambda-throttles',
  severity: 'P1',
  appliedAt: '2026-11-23T03:13:00.000Z',
  summary: 'rung-api-prod: reserved concurrency 50 -> 60',
  resourceKey: 'rung-api-prod',
  hold: 'deployment in progress: CloudFormation stack rung-api (UPDATE_IN_PROGRESS), which owns ApiFunction1A2B3C',
};
const NOTHING: VerifierState = { readApplied: async () => undefined, readIntent: async () => undefined };
const alarm = (state: Alarm['state']): Alarm => ({ name: held.alarmName, state, reason: 'Threshold Crossed', stateChangeTime: new Date('2026-11-23T03:12:45Z'), stateChangeTimeRaw: '', metrics: [] });

function escalator() {
  const sent: EscalationInput[] = [];
  const fn = async (input: EscalationInput) => {
    sent.push(input);
    return { messageId: 'esc-1', diagnostics: {} };
  };
  return { fn, sent };
}

describe('the re-check of an action held for a deployment', () => {
  it('still in ALARM after the deployment: escalates to people with what held it and the plan that waited', async () => {
    const esc = escalator();
    const record = await verify(held, { escalationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ar-escalations', state: NOTHING, lookup: async () => alarm('ALARM'), escalate: esc.fn });
    expect(record).toMatchObject({ outcome: 'still-alarm', verifies: held.recordId, escalation: { published: true, messageId: 'esc-1' } });
    expect(esc.sent).toHaveLength(1);
    expect(esc.sent[0].subject).toBe('[P1] still firing after the deployment it waited for: ar-rung-lambda-throttles-rung-api-prod');
    expect(esc.sent[0].reason).toContain('CloudFormation stack rung-api (UPDATE_IN_PROGRESS)');
    expect(esc.sent[0].reason).toContain('The held plan (rung-api-prod: reserved concurrency 50 -> 60) was not applied');
  });

  it('back to OK: recorded, nobody paged', async () => {
    const esc = escalator();
    const record = await verify(held, { escalationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ar-escalations', state: NOTHING, lookup: async () => alarm('OK'), escalate: esc.fn });
    expect(record).toMatchObject({ outcome: 'recovered', reason: expect.stringContaining('after the hold') });
    expect(esc.sent).toEqual([]);
  });

  it('without the hold, the same request is one the state table does not know: ignored', async () => {
    const { hold: _hold, ...plain } = held;
    const esc = escalator();
    const record = await verify(plain, { escalationTopicArn: 'arn:aws:sns:us-east-1:123456789012:ar-escalations', state: NOTHING, lookup: async () => alarm('ALARM'), escalate: esc.fn });
    expect(record.outcome).toBe('unknown-record');
    expect(esc.sent).toEqual([]);
  });
});
