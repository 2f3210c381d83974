/**
 * Maintenance windows in the pipeline: inside a window of the resource, its system or the
 * deployment, the responder plans and records (`maintenance`) and applies nothing; it pages only
 * for the severities configured to page (default P0). The alarms of the default configuration
 * fire at 2026-11-23T03:12:45Z, a Monday: 04:12 in Berlin.
 */
import type { MaintenanceWindow } from '../../../lib/catalogue';
import type { DeploymentConfigInput } from '../../../lib/config/schema';
import type { Escalate } from '../../../lambdas/escalation/escalate-alarm';
import type { Guard } from '../../../lambdas/guardrails/guard';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import { answerWith, mutatingCommandsSent, resetAllClients, type SentCommand } from '../../helpers/all-clients-mock';
import { alarmEvent } from '../../helpers/alarm-event';
import { defaultsWith, type Changes } from '../../helpers/config';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';

const NOW = new Date('2026-11-23T03:13:45.123Z');
const LATENCY = 'ar-rung-high-latency-rung-api-prod'; // P1, raise-provisioned-concurrency on rung-api-prod
const DB_CONNECTIONS = 'ar-rung-database-connections-rung-prod'; // P0, reboot-rds-instance (guarded)
const QUEUE_DEPTH = 'ar-hlekkr-queue-depth-review-queue'; // P2, no automatic fix: escalate only

/** Mondays 04:00-05:00 in Berlin (03:00-04:00Z in November): open at NOW. */
const MONDAY_NIGHT: MaintenanceWindow = { name: 'monday patching', cron: '0 4 * * MON', durationMinutes: 60, timeZone: 'Europe/Berlin' };
/** Tuesdays at the same time: closed at NOW. */
const TUESDAY_NIGHT: MaintenanceWindow = { ...MONDAY_NIGHT, name: 'tuesday patching', cron: '0 4 * * TUE' };

// Answers for the reads of raise-provisioned-concurrency (its one write is PutProvisionedConcurrencyConfig) and reboot-rds-instance.
function fakeAws(): void {
  resetAllClients((sent: SentCommand) => {
    switch (`${sent.service}:${sent.operation}`) {
      case 'lambda:GetProvisionedConcurrencyConfig':
        return { RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 2, Status: 'READY' };
      case 'lambda:GetFunctionConcurrency':
        return { ReservedConcurrentExecutions: 50 };
      case 'lambda:GetAccountSettings':
        return { AccountLimit: { UnreservedConcurrentExecutions: 900 } };
      case 'rds:DescribeDBInstances':
        return { DBInstances: [{ DBInstanceStatus: 'available', DBInstanceClass: 'db.t3.medium', Engine: 'postgres', MultiAZ: false }] };
      default:
        return {};
    }
  });
}

/** Every plan admitted: the guards are tested on their own, and a window must hold before them. */
const admitAll: Guard = { admit: async () => ({ ok: true, done: async () => undefined }) };

async function run(alarm: string, changes: Changes, input: unknown = alarmEvent({ name: alarm }), extra: Partial<RespondDeps> = {}) {
  const escalations: Parameters<Escalate>[0][] = [];
  const escalate: Escalate = async (e) => {
    escalations.push(e);
    return { messageId: 'escalation-1', diagnostics: {} };
  };
  const settings = settingsForAlarm(alarm, planOf(defaultsWith(changes) as DeploymentConfigInput));
  const [outcome] = parseInvocation(input);
  const trusted = trusting(NOW);
  const record = await respond(outcome, {
    settings,
    remediations: REMEDIATION_REGISTRY,
    escalate,
    guard: admitAll,
    self: { account: ACCOUNT, region: 'us-east-1' },
    ...trusted.deps,
    ...echoOf(outcome),
    ...extra,
  });
  return { record, escalations, scheduled: trusted.scheduled };
}

beforeEach(fakeAws);

describe('inside a maintenance window', () => {
  it('plans and records the window (maintenance), applies nothing and does not page a P1', async () => {
    const { record, escalations, scheduled } = await run(LATENCY, { 'systems.1.resources.lambda.0.maintenance': { windows: [MONDAY_NIGHT] } });

    expect(mutatingCommandsSent()).toEqual([]);
    expect(scheduled).toEqual([]);
    expect(escalations).toEqual([]);
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'maintenance', actions: [{ remediation: 'raise-provisioned-concurrency', decision: 'planned', plan: { after: expect.anything() } }] });
    expect(record.reason).toContain('inside maintenance window "monday patching" (resource, cron 0 4 * * MON Europe/Berlin, until 2026-11-23T04:00:00.000Z)');
    expect(record.reason).toContain('P1 does not page inside a window');
    expect(record.context?.maintenance).toEqual({
      name: 'monday patching', level: 'resource', schedule: 'cron 0 4 * * MON', timeZone: 'Europe/Berlin',
      start: '2026-11-23T03:00:00.000Z', end: '2026-11-23T04:00:00.000Z', escalates: false,
    });
  });

  it('applies as usual when the window is closed, and tells the verifier the resource\'s windows', async () => {
    const { record, scheduled } = await run(LATENCY, { 'systems.1.resources.lambda.0.maintenance': { windows: [TUESDAY_NIGHT] } });
    expect(record).toMatchObject({ decision: 'applied', reasonCode: 'applied' });
    expect(record.context).toBeUndefined();
    expect(mutatingCommandsSent()).toEqual(['lambda:PutProvisionedConcurrencyConfig']);
    expect(scheduled[0]?.maintenanceWindows).toEqual([{ ...TUESDAY_NIGHT, level: 'resource' }]);
  });

  it('sends no windows with the re-check of a severity that still pages inside one (P0), so the verifier escalates it anywhere', async () => {
    const { record, scheduled } = await run(DB_CONNECTIONS, { 'systems.1.maintenance': { windows: [TUESDAY_NIGHT] }, 'systems.1.resources.rds.0.guarded': ['reboot-rds-instance'] });
    expect(record).toMatchObject({ severity: 'P0' });
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).not.toHaveProperty('maintenanceWindows');
  });

  it('still pages a P0 by default, naming the window, and applies nothing', async () => {
    const { record, escalations } = await run(DB_CONNECTIONS, { 'systems.1.maintenance': { windows: [MONDAY_NIGHT] }, 'systems.1.resources.rds.0.guarded': ['reboot-rds-instance'] });
    expect(mutatingCommandsSent()).toEqual([]);
    expect(record.actions[0]).toMatchObject({ remediation: 'reboot-rds-instance', decision: 'planned' });
    expect(escalations).toHaveLength(1);
    expect(escalations[0].reason).toContain('inside maintenance window "monday patching" (system,');
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'maintenance', severity: 'P0', escalation: { published: true }, context: { maintenance: { level: 'system', escalates: true } } });
    expect(record.reason).toContain('P0 still pages inside a window');
  });

  it('does not page a P0 when the configuration says no severity pages inside a window', async () => {
    const { record, escalations } = await run(DB_CONNECTIONS, { 'systems.1.maintenance': { windows: [MONDAY_NIGHT] }, 'maintenance.escalate': [] });
    expect(mutatingCommandsSent()).toEqual([]);
    expect(escalations).toEqual([]);
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'maintenance', context: { maintenance: { escalates: false } } });
  });

  it('pages a P1 when the configuration says P1 pages inside a window', async () => {
    const { record, escalations } = await run(LATENCY, { 'maintenance.windows': [MONDAY_NIGHT], 'maintenance.escalate': ['P0', 'P1'] });
    expect(mutatingCommandsSent()).toEqual([]);
    expect(escalations).toHaveLength(1);
    expect(record).toMatchObject({ reasonCode: 'maintenance', context: { maintenance: { level: 'deployment', escalates: true } } });
  });

  it('does not page a P2 that has no automatic fix, and records the window; outside it the P2 pages', async () => {
    const inside = await run(QUEUE_DEPTH, { 'maintenance.windows': [MONDAY_NIGHT] });
    expect(inside.escalations).toEqual([]);
    expect(inside.record).toMatchObject({ decision: 'skipped', reasonCode: 'maintenance', severity: 'P2', context: { maintenance: { name: 'monday patching', escalates: false } } });
    expect(inside.record.escalation).toBeUndefined();

    const outside = await run(QUEUE_DEPTH, { 'maintenance.windows': [TUESDAY_NIGHT] });
    expect(outside.escalations).toHaveLength(1);
    expect(outside.record).toMatchObject({ decision: 'escalated', reasonCode: 'escalate-only' });
  });

  it('does not page a P1 whose plan found nothing safe to do, and names the window; outside one it pages', async () => {
    // An allocation in progress: raise-provisioned-concurrency plans a no-op.
    const busy = () => answerWith((sent) => (sent.operation === 'GetProvisionedConcurrencyConfig' ? { RequestedProvisionedConcurrentExecutions: 4, Status: 'IN_PROGRESS' } : {}));
    busy();
    const inside = await run(LATENCY, { 'systems.1.maintenance': { windows: [MONDAY_NIGHT] } });
    expect(inside.escalations).toEqual([]);
    expect(inside.record).toMatchObject({ decision: 'skipped', reasonCode: 'no-op', actions: [{ decision: 'skipped' }], context: { maintenance: { name: 'monday patching', escalates: false } } });
    expect(inside.record.reason).toContain('inside maintenance window "monday patching"');

    busy();
    const outside = await run(LATENCY, { 'systems.1.maintenance': { windows: [TUESDAY_NIGHT] } });
    expect(outside.escalations).toHaveLength(1);
    expect(outside.record).toMatchObject({ decision: 'escalated', reasonCode: 'no-op' });
  });

  it('shows the window in a dry run', async () => {
    const observed = { name: LATENCY, arn: `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:${LATENCY}`, state: 'OK' as const, reason: '', stateTimestamp: NOW, region: 'us-east-1', account: ACCOUNT, shape: 'metric' as const, metrics: [] };
    const { record, escalations } = await run(LATENCY, { 'maintenance.windows': [MONDAY_NIGHT] }, { alarmName: LATENCY, dryRun: true }, { readAlarm: async () => observed });
    expect(mutatingCommandsSent()).toEqual([]);
    expect(escalations).toEqual([]);
    expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned', reasonCode: 'dry-run', context: { maintenance: { name: 'monday patching' } } });
    expect(record.reason).toContain('would not apply: inside maintenance window "monday patching"');
  });
});
