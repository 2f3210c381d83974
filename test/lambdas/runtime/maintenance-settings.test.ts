import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CAPS, encodeTargets, type MaintenanceWindow } from '../../../lib/catalogue';
import type { DeploymentConfigInput } from '../../../lib/config/schema';
import { maintenanceVariable } from '../../../lib/constructs/private/responder-env';
import { systemMaintenance } from '../../../lib/deployment';
import { SettingsError, settingsFromEnv } from '../../../lambdas/runtime/settings';
import { defaultsWith } from '../../helpers/config';
import { planOf, settingsForAlarm } from '../../helpers/responder-settings';

const WEEKLY: MaintenanceWindow = { name: 'weekly', cron: '0 2 * * SUN', durationMinutes: 120, timeZone: 'Europe/Berlin' };
const FREEZE: MaintenanceWindow = { name: 'freeze', start: '2026-12-24T18:00', durationMinutes: 600, timeZone: 'America/New_York' };
const plan = planOf(defaultsWith({
  'maintenance.windows': [WEEKLY],
  'maintenance.escalate': ['P0', 'P1'],
  'systems.1.maintenance': { windows: [FREEZE] },
  'systems.1.resources.lambda.0.maintenance': { windows: [{ ...WEEKLY, name: 'api only' }] },
}) as DeploymentConfigInput);
const rung = plan.systems[1];
const base = settingsForAlarm('ar-rung-high-latency-rung-api-prod', plan);
const written = systemMaintenance(plan.config, rung.config);
const targets = encodeTargets([...base.targets.values()], DEFAULT_CAPS, new Map(), written?.resources);

const env = (extra: Record<string, string | undefined>): NodeJS.ProcessEnv => ({
  AR_PREFIX: 'ar',
  AR_SYSTEM: 'rung',
  AR_FAMILY: 'lambda',
  AR_CAPS: JSON.stringify(DEFAULT_CAPS),
  AR_GUARDRAILS: JSON.stringify(base.guardrails),
  AR_REMEDIATION_LOG_GROUP: '/alert-responder/ar/remediations',
  AR_ESCALATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:ar-escalations',
  AR_ALLOWED_REGIONS: 'us-east-1',
  AR_MODE_PARAMETER: '/ar/mode',
  AR_VERIFY_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ar-verify',
  AR_STATE_TABLE: 'ar-state',
  AR_TARGETS: targets,
  ...maintenanceVariable(written),
  ...extra,
});

describe('maintenance windows in the responder environment', () => {
  it('reads back what the CDK app wrote: system and deployment windows with their levels, the paging rule, each target\'s own', () => {
    const settings = settingsFromEnv(env({}));
    expect(settings.maintenance?.escalate).toEqual(['P0', 'P1']);
    expect(settings.maintenance?.windows).toEqual([{ ...FREEZE, level: 'system' }, { ...WEEKLY, level: 'deployment' }]);
    expect(settings.maintenance?.resources.get('rung-api-prod')).toEqual([{ ...WEEKLY, name: 'api only' }]);
    // The CLI's dry run builds the same from the configuration.
    expect(base.maintenance).toEqual(settings.maintenance);
  });

  it('reads a target\'s windows from the targets file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ar-maintenance-'));
    writeFileSync(join(dir, 'targets.json'), targets);
    const settings = settingsFromEnv(env({ AR_TARGETS: undefined, AR_TARGETS_FILE: join(dir, 'targets.json') }));
    expect(settings.maintenance?.resources.get('rung-api-prod')?.map((w) => w.name)).toEqual(['api only']);
  });

  it('has no maintenance when nothing is configured, and pages P0 only when only targets have windows', () => {
    expect(settingsFromEnv(env({ AR_MAINTENANCE: undefined, AR_TARGETS: encodeTargets([...base.targets.values()], DEFAULT_CAPS) })).maintenance).toBeUndefined();
    expect(settingsFromEnv(env({ AR_MAINTENANCE: undefined })).maintenance).toMatchObject({ escalate: ['P0'], windows: [] });
    expect(systemMaintenance(plan.config, plan.systems[0].config)?.resources.size).toBe(0);
  });

  it.each([
    ['a severity that is none', { AR_MAINTENANCE: JSON.stringify({ escalate: ['P9'], windows: [] }) }, 'AR_MAINTENANCE.escalate[0] must be P0 or P1 or P2, got "P9"'],
    ['a window without a zone', { AR_MAINTENANCE: JSON.stringify({ escalate: [], windows: [{ name: 'x', cron: '0 2 * * *', durationMinutes: 60, level: 'system' }] }) }, 'AR_MAINTENANCE.windows[0].timeZone must be a non-empty string, got nothing'],
    ['a window of no level', { AR_MAINTENANCE: JSON.stringify({ escalate: [], windows: [{ ...WEEKLY, level: 'account' }] }) }, 'AR_MAINTENANCE.windows[0].level must be deployment or system or resource'],
    ['a cron edited by hand', { AR_MAINTENANCE: JSON.stringify({ escalate: [], windows: [{ ...WEEKLY, cron: '0 2 * *', level: 'system' }] }) }, 'AR_MAINTENANCE.windows[0].cron must be a standard 5-field cron expression, got "0 2 * *"'],
    ['malformed JSON', { AR_MAINTENANCE: '{"escalate' }, 'AR_MAINTENANCE is not valid JSON'],
  ])('fails naming the field for %s', (_, extra, message) => {
    expect(() => settingsFromEnv(env(extra))).toThrow(SettingsError);
    expect(() => settingsFromEnv(env(extra))).toThrow(message);
  });
});
