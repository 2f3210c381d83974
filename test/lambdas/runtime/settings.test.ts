import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CAPS, encodeTargets } from '../../../lib/catalogue';
import { SettingsError, settingsFromEnv } from '../../../lambdas/runtime/settings';
import { settingsForAlarm } from '../../helpers/responder-settings';

const base = settingsForAlarm('ar-rung-high-latency-rung-api-prod');
const targets = encodeTargets([...base.targets.values()], DEFAULT_CAPS);
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
  ...extra,
});

describe('settingsFromEnv', () => {
  it('reads the targets inline', () => {
    expect(settingsFromEnv(env({ AR_TARGETS: targets })).targets.get('rung-api-prod')).toMatchObject({ type: 'lambda', props: { alias: 'prod' } });
  });

  it('reads the alert kinds planned on each target, and none for a target without alarms of its own', () => {
    const planned = new Map([['rung-api-prod', ['high-latency', 'lambda-throttles'] as const]]);
    const settings = settingsFromEnv(env({ AR_TARGETS: encodeTargets([...base.targets.values()], DEFAULT_CAPS, new Map([...planned].map(([k, v]) => [k, [...v]]))) }));
    expect([...(settings.plannedKinds.get('rung-api-prod') ?? [])]).toEqual(['high-latency', 'lambda-throttles']);
    expect(settings.plannedKinds.get('n8n')?.size ?? 0).toBe(0);
  });

  it('reads the targets from a layer file when they did not fit the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ar-settings-'));
    writeFileSync(join(dir, 'targets.json'), targets);
    const settings = settingsFromEnv(env({ AR_TARGETS_FILE: join(dir, 'targets.json') }));
    expect([...settings.targets.keys()]).toEqual([...base.targets.keys()]);
  });

  it('reads the approvers where the deployment names them, and proposes nothing where it does not', () => {
    const approvals = { approvers: ['arn:aws:iam::123456789012:role/oncall'], expiresMinutes: 30 };
    expect(settingsFromEnv(env({ AR_TARGETS: targets, AR_APPROVALS: JSON.stringify(approvals) })).approvals).toEqual(approvals);
    expect(settingsFromEnv(env({ AR_TARGETS: targets })).approvals).toBeUndefined();
  });

  it('reads the context section (AR_CONTEXT), and its defaults where an older environment has none', () => {
    const context = { budgetMs: 500, recentChangesMinutes: 30, allowRevert: true, deploymentRecheckMinutes: 5 };
    expect(settingsFromEnv(env({ AR_TARGETS: targets, AR_CONTEXT: JSON.stringify(context) })).context).toEqual(context);
    expect(settingsFromEnv(env({ AR_TARGETS: targets })).context).toEqual({ budgetMs: 2000, recentChangesMinutes: 60, allowRevert: false, deploymentRecheckMinutes: 15 });
  });

  it.each([
    ['approvals without an expiry', { AR_TARGETS: targets, AR_APPROVALS: JSON.stringify({ approvers: [] }) }, 'AR_APPROVALS.expiresMinutes must be a positive integer, got nothing'],
    ['a context of the wrong shape', { AR_TARGETS: targets, AR_CONTEXT: JSON.stringify({ budgetMs: 'fast', recentChangesMinutes: 60, allowRevert: false, deploymentRecheckMinutes: 15 }) }, 'AR_CONTEXT.budgetMs must be a positive integer, got "fast"'],
    ['no targets at all', {}, /neither AR_TARGETS nor AR_TARGETS_FILE/],
    ['a missing targets file', { AR_TARGETS_FILE: '/nonexistent/targets.json' }, /cannot be read/],
    ['a missing variable', { AR_TARGETS: targets, AR_STATE_TABLE: undefined }, /AR_STATE_TABLE/],
    ['malformed caps', { AR_TARGETS: targets, AR_CAPS: '{"max' }, /AR_CAPS is not valid JSON/],
    ['guardrails of the wrong shape', { AR_TARGETS: targets, AR_GUARDRAILS: JSON.stringify({ ...base.guardrails, autonomousSeverities: ['P9'] }) }, 'AR_GUARDRAILS.autonomousSeverities[0] must be P0 or P1 or P2, got "P9"'],
  ])('fails with a clear message for %s', (_, extra, message) => {
    expect(() => settingsFromEnv(env(extra))).toThrow(SettingsError);
    expect(() => settingsFromEnv(env(extra))).toThrow(message);
  });
});
