/**
 * The autonomy ladder's decision: configured levels (nearest wins, the aliases), severity caps,
 * a plan's own bound, the recurrence brake and the fix score.
 */
import type { RemediationId, Severity, Target } from '../../../lib/catalogue';
import type { DeploymentConfigInput } from '../../../lib/config/schema';
import { EMPTY_HISTORY, type RemediationHistory } from '../../../lambdas/guardrails/history';
import { decideLevel } from '../../../lambdas/guardrails/ladder';
import type { ResponderSettings } from '../../../lambdas/runtime/settings';
import { planOf, settingsForAlarm } from '../../helpers/responder-settings';

const NOW = new Date('2026-11-23T03:13:45.123Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** rung with one aliased function and one RDS instance, under the given autonomy settings. */
function config(over: { deployment?: object; system?: object; lambda?: object; rds?: object; guardrails?: object } = {}): DeploymentConfigInput {
  return {
    prefix: 'ar',
    ...(over.guardrails ? { guardrails: over.guardrails } : {}),
    ...(over.deployment ? { autonomy: over.deployment } : {}),
    systems: [
      {
        id: 'rung',
        ...(over.system ? { autonomy: over.system } : {}),
        resources: {
          lambda: [{ name: 'rung-api-prod', alias: 'prod', ...over.lambda }],
          rds: [{ instanceId: 'rung-db', maxConnections: 100, ...over.rds }],
        },
      },
    ],
  };
}

function settingsOf(input: DeploymentConfigInput, alarm = 'ar-rung-high-latency-rung-api-prod'): ResponderSettings {
  return settingsForAlarm(alarm, planOf(input));
}

function targetOf(settings: ResponderSettings, key: string): Target {
  const target = settings.targets.get(key);
  if (!target) throw new Error(`no target ${key}`);
  return target;
}

function decide(input: DeploymentConfigInput, remediation: RemediationId, o: { severity?: Severity; history?: RemediationHistory; key?: string; alarm?: string; atMost?: { level: 'observe' | 'propose'; why: string } } = {}) {
  const settings = settingsOf(input, o.alarm);
  const resource = targetOf(settings, o.key ?? 'rung-api-prod');
  return decideLevel({ plan: { remediation, atMost: o.atMost }, resource, severity: o.severity ?? 'P1', settings, now: NOW, history: o.history });
}

const RDS_ALARM = 'ar-rung-database-connections-rung-db';

describe('the ladder: levels', () => {
  it('keeps today’s defaults: a non-guarded remediation is auto for an autonomous severity, a guarded one propose', () => {
    expect(decide(config(), 'raise-provisioned-concurrency')).toEqual({
      level: 'auto',
      why: 'raise-provisioned-concurrency auto: built-in default, not guarded; P1 alerts may act on their own (autonomousSeverities)',
    });
    expect(decide(config(), 'reboot-rds-instance', { key: 'rung-db', alarm: RDS_ALARM })).toMatchObject({ level: 'propose', why: expect.stringContaining('built-in default, a guarded action') });
  });

  it('observe, propose and auto each set at the deployment, system and resource level, nearest winning', () => {
    const deployment = { default: 'observe' };
    expect(decide(config({ deployment }), 'raise-provisioned-concurrency')).toMatchObject({ level: 'observe', why: 'raise-provisioned-concurrency observe: set for the deployment (autonomy)' });
    expect(decide(config({ deployment, system: { remediations: { 'raise-provisioned-concurrency': 'propose' } } }), 'raise-provisioned-concurrency')).toMatchObject({
      level: 'propose',
      why: 'raise-provisioned-concurrency propose: set for system "rung" (autonomy)',
    });
    expect(decide(config({ deployment, system: { default: 'propose' }, lambda: { autonomy: { default: 'auto' } } }), 'raise-provisioned-concurrency')).toMatchObject({
      level: 'auto',
      why: expect.stringContaining('set on lambda "rung-api-prod" (autonomy)'),
    });
    // A resource's own default is nearer than the system's entry for the remediation.
    expect(decide(config({ system: { remediations: { 'raise-provisioned-concurrency': 'auto' } }, lambda: { autonomy: { default: 'observe' } } }), 'raise-provisioned-concurrency').level).toBe('observe');
    // At one level, the remediation's entry is nearer than the default.
    expect(decide(config({ lambda: { autonomy: { default: 'observe', remediations: { 'raise-provisioned-concurrency': 'auto' } } } }), 'raise-provisioned-concurrency').level).toBe('auto');
  });

  it('alias: "guarded" on a resource makes the remediation auto there, and only there', () => {
    const input = config({ rds: { guarded: ['reboot-rds-instance'] }, deployment: { default: 'observe' } });
    expect(decide(input, 'reboot-rds-instance', { key: 'rung-db', alarm: RDS_ALARM })).toMatchObject({ level: 'auto', why: expect.stringContaining('enabled by "guarded" on rds "rung-db"') });
    expect(decide(input, 'raise-provisioned-concurrency').level).toBe('observe');
  });

  it('alias: a severity outside autonomousSeverities caps the level at propose; a system or resource can set its own cap', () => {
    const input = config({ guardrails: { autonomousSeverities: ['P0'] } });
    expect(decide(input, 'raise-provisioned-concurrency')).toEqual({ level: 'propose', why: 'P1 alerts do not act on their own (autonomousSeverities: P0)' });
    expect(decide(config({ guardrails: { autonomousSeverities: ['P0'] }, system: { severities: { P1: 'auto' } } }), 'raise-provisioned-concurrency').level).toBe('auto');
    expect(decide(config({ lambda: { autonomy: { severities: { P1: 'observe' } } } }), 'raise-provisioned-concurrency')).toMatchObject({ level: 'observe', why: 'P1 alerts at most observe: set on lambda "rung-api-prod" (autonomy)' });
    // A cap never raises: a guarded remediation stays propose under an auto cap.
    expect(decide(config({ system: { severities: { P1: 'auto' } } }), 'reboot-rds-instance', { key: 'rung-db', alarm: RDS_ALARM }).level).toBe('propose');
  });

  it('takes the lower of its level and the plan’s own bound (a revert of a recent change)', () => {
    const atMost = { level: 'propose' as const, why: 'reverts a deployment of 5 minutes ago' };
    expect(decide(config(), 'raise-provisioned-concurrency', { atMost })).toEqual({ level: 'propose', why: 'reverts a deployment of 5 minutes ago' });
    expect(decide(config({ lambda: { autonomy: { default: 'observe' } } }), 'raise-provisioned-concurrency', { atMost }).level).toBe('observe');
  });
});

const applied = (at: string, i: number) => ({ at, recordId: `rec-${i}`, summary: '10 -> 20', before: '{"value":10}', after: '{"value":20}' });
const withApplies = (ats: readonly string[]): RemediationHistory => ({ ...EMPTY_HISTORY, applies: ats.map(applied) });
const withVerdicts = (recent: Array<'recovered' | 'still-alarm'>): RemediationHistory => ({
  ...EMPTY_HISTORY,
  score: { recovered: recent.filter((o) => o === 'recovered').length, failed: recent.filter((o) => o === 'still-alarm').length, recent },
});

describe('the ladder: the recurrence brake (3 applies in 7 days)', () => {
  it('drops to propose after 3 applies in 7 days, with the history and what would make the fix permanent', () => {
    const decision = decide(config(), 'raise-reserved-concurrency', { history: withApplies([daysAgo(6), daysAgo(3), daysAgo(1)]) });
    expect(decision.level).toBe('propose');
    expect(decision.why).toContain('recurrence brake: raise-reserved-concurrency was applied to "rung-api-prod" 3 times in the last 7 days');
    expect(decision.why).toContain('ReservedConcurrentExecutions');
    expect(decision.recurrence).toMatchObject({ days: 7, applies: [{ recordId: 'rec-0' }, { recordId: 'rec-1' }, { recordId: 'rec-2' }], permanentFix: expect.stringContaining('reserved concurrency') });
  });

  it('does not before: 2 applies, or a third older than the window', () => {
    expect(decide(config(), 'raise-reserved-concurrency', { history: withApplies([daysAgo(3), daysAgo(1)]) })).toMatchObject({ level: 'auto' });
    expect(decide(config(), 'raise-reserved-concurrency', { history: withApplies([daysAgo(8), daysAgo(3), daysAgo(1)]) }).recurrence).toBeUndefined();
  });

  it('follows autonomy.recurrence', () => {
    const input = config({ deployment: { recurrence: { maxApplies: 2, days: 2 } } });
    expect(decide(input, 'raise-reserved-concurrency', { history: withApplies([daysAgo(1.5), daysAgo(1)]) }).level).toBe('propose');
    expect(decide(input, 'raise-reserved-concurrency', { history: withApplies([daysAgo(3), daysAgo(1)]) }).level).toBe('auto');
  });
});

describe('the ladder: the fix score (2 failed verifications)', () => {
  it('drops to propose when the last 2 re-checks found the alarm still firing, and the decision carries the score', () => {
    const decision = decide(config(), 'raise-reserved-concurrency', { history: withVerdicts(['recovered', 'still-alarm', 'still-alarm']) });
    expect(decision).toMatchObject({ level: 'propose', fixScore: { recovered: 1, failed: 2 } });
    expect(decision.why).toBe('fix score: the last 2 re-checks of raise-reserved-concurrency on "rung-api-prod" found the alarm still firing (1 recovered, 2 still firing; autonomy.failedVerifications: 2)');
  });

  it('does not after one failure, or when the latest recovered', () => {
    expect(decide(config(), 'raise-reserved-concurrency', { history: withVerdicts(['still-alarm']) }).level).toBe('auto');
    expect(decide(config(), 'raise-reserved-concurrency', { history: withVerdicts(['still-alarm', 'still-alarm', 'recovered']) })).toMatchObject({ level: 'auto', fixScore: { recovered: 1, failed: 2 } });
  });

  it('never raises a level: observe stays observe under a failing score', () => {
    expect(decide(config({ lambda: { autonomy: { default: 'observe' } } }), 'raise-reserved-concurrency', { history: withVerdicts(['still-alarm', 'still-alarm']) }).level).toBe('observe');
  });
});

describe('the ladder: promotion (off unless autonomy.promoteAfter)', () => {
  const approved = (i: number, verification?: 'recovered' | 'still-alarm') => ({ ...applied(daysAgo(10 + i), i), approvedBy: 'arn:aws:iam::123456789012:role/oncall', ...(verification ? { verification } : {}) });
  const history = (entries: ReturnType<typeof approved>[]): RemediationHistory => ({ ...EMPTY_HISTORY, applies: entries });
  const proposed = { lambda: { autonomy: { remediations: { 'raise-provisioned-concurrency': 'propose' } } } };

  it('promotes a remediation at propose to auto after promoteAfter approved runs that recovered', () => {
    const decision = decide(config({ ...proposed, deployment: { promoteAfter: 2 } }), 'raise-provisioned-concurrency', { history: history([approved(1, 'recovered'), approved(2, 'recovered')]) });
    expect(decision.level).toBe('auto');
    expect(decision.why).toContain('raise-provisioned-concurrency promoted from propose to auto on "rung-api-prod": 2 approved runs recovered (autonomy.promoteAfter: 2)');
  });

  it('does not when off, before enough recovered, from observe, or past a severity cap', () => {
    const two = history([approved(1, 'recovered'), approved(2, 'recovered')]);
    expect(decide(config(proposed), 'raise-provisioned-concurrency', { history: two }).level).toBe('propose');
    expect(decide(config({ ...proposed, deployment: { promoteAfter: 2 } }), 'raise-provisioned-concurrency', { history: history([approved(1, 'recovered'), approved(2, 'still-alarm'), approved(3)]) }).level).toBe('propose');
    expect(decide(config({ lambda: { autonomy: { default: 'observe' } }, deployment: { promoteAfter: 2 } }), 'raise-provisioned-concurrency', { history: two }).level).toBe('observe');
    expect(decide(config({ ...proposed, deployment: { promoteAfter: 2 }, guardrails: { autonomousSeverities: ['P0'] } }), 'raise-provisioned-concurrency', { history: two }).level).toBe('propose');
  });
});
