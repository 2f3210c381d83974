/** The ladder in the configuration: what is refused, how the levels reach a responder's targets. */
import { DEFAULT_CAPS, REMEDIATIONS, REMEDIATION_IDS, configuredLevelOf, decodeTargets, encodeTargets } from '../../lib/catalogue';
import { systemAutonomy } from '../../lib/deployment';
import { responderEnvironment, type ResponderEnvironmentInput } from '../../lib/constructs/private/responder-env';
import { ConfigError } from '../../lib/config/problems';
import { readTargets } from '../../lambdas/runtime/targets';
import { settingsFromEnv } from '../../lambdas/runtime/settings';
import { configWith, type Changes } from '../helpers/config';
import { constructEnvironment } from '../helpers/deployed-responder';
import { planOf } from '../helpers/responder-settings';

/** A responder's environment input where only the autonomy matters. */
const envInput: ResponderEnvironmentInput = {
  prefix: 'ar', system: 'rung', family: 'lambda', baseCaps: DEFAULT_CAPS, targets: [], plannedKinds: new Map(),
  guardrails: { cooldownMinutes: 15, maxActionsPerHour: 20, verifyAfterMinutes: 10, autonomousSeverities: ['P0', 'P1'], initialMode: 'enforce', maxNotificationAgeMinutes: 60, maxClockSkewSeconds: 300 },
  context: configWith().context,
  remediationLogGroupName: 'log', escalationTopicArn: 'arn:aws:sns:us-east-1:123456789012:t', allowedRegions: ['us-east-1'], stateTableName: 'ar-state', verifyQueueUrl: 'https://sqs', logLines: { include: 'redacted', maxLines: 20, redactPatterns: [] },
};

function problemsOf(changes: Changes): string[] {
  try {
    configWith(changes);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('autonomy in the configuration', () => {
  it.each<[string, Changes, string]>([
    ['"guarded" contradicted by the resource\'s own level', { 'systems.1.resources.rds.0.guarded': ['reboot-rds-instance'], 'systems.1.resources.rds.0.autonomy': { remediations: { 'reboot-rds-instance': 'propose' } } }, 'systems[1].resources.rds[0].autonomy.remediations.reboot-rds-instance: contradicts "guarded", which enables "reboot-rds-instance" (level auto) on this resource: keep one of them'],
    ['severities at the deployment level', { autonomy: { severities: { P2: 'auto' } } }, 'autonomy.severities: is not set at the deployment level: guardrails.autonomousSeverities says which severities act on their own there'],
    ['an unknown remediation', { 'systems.1.autonomy': { remediations: { 'delete-everything': 'auto' } } }, 'systems[1].autonomy.remediations.delete-everything: unknown remediation'],
    ['a remediation of another resource type', { 'systems.1.resources.rds.0.autonomy': { remediations: { 'rollback-lambda-alias': 'auto' } } }, 'systems[1].resources.rds[0].autonomy.remediations.rollback-lambda-alias: remediation "rollback-lambda-alias" acts on lambda resources, not on rds'],
    ['a level that does not exist', { 'systems.1.autonomy': { default: 'yolo' } }, 'systems[1].autonomy.default: Invalid option: expected one of "observe"|"propose"|"auto"'],
  ])('refuses %s', (_, changes, message) => {
    expect(problemsOf(changes).some((p) => p.startsWith(message))).toBe(true);
  });

  it('defaults to the brake of 3 applies in 7 days and 2 failed verifications', () => {
    expect(configWith().autonomy).toEqual({ recurrence: { maxApplies: 3, days: 7 }, failedVerifications: 2 });
  });

  it('gives each target what it sets itself, and each responder once what its system and the deployment set, nearest first', () => {
    const plan = planOf({
      prefix: 'ar',
      autonomy: { remediations: { 'raise-reserved-concurrency': 'propose' } },
      systems: [
        {
          id: 'rung',
          autonomy: { default: 'observe', severities: { P2: 'propose' } },
          resources: { lambda: [{ name: 'a', alias: 'prod', guarded: ['rollback-lambda-alias'], autonomy: { remediations: { 'double-lambda-memory': 'auto' } } }], dynamodb: [{ name: 'orders' }] },
        },
      ],
    });
    const [a, t] = plan.systems[0].targets;
    expect(a.autonomy).toEqual({ remediations: { 'double-lambda-memory': { level: 'auto', from: 'resource' }, 'rollback-lambda-alias': { level: 'auto', from: 'guarded' } } });
    expect(t.autonomy).toBeUndefined();
    const lambdaLevels = systemAutonomy(plan.config, plan.systems[0].config, 'lambda');
    expect(lambdaLevels?.severities).toEqual({ P2: { level: 'propose', from: 'system' } });
    // The system's default is nearer than the deployment's entry for the remediation.
    expect(lambdaLevels?.remediations?.['raise-reserved-concurrency']).toEqual({ level: 'observe', from: 'system' });
    expect(Object.keys(lambdaLevels?.remediations ?? {})).toEqual(REMEDIATION_IDS.filter((id) => REMEDIATIONS[id].family === 'lambda'));
    expect(configuredLevelOf('double-lambda-memory', a, lambdaLevels)).toEqual({ level: 'auto', from: 'resource' });
    expect(configuredLevelOf('raise-provisioned-concurrency', a, lambdaLevels)).toEqual({ level: 'observe', from: 'system' });
    expect(systemAutonomy(plan.config, { ...plan.systems[0].config, autonomy: undefined }, 'lambda')?.remediations?.['raise-reserved-concurrency']).toEqual({ level: 'propose', from: 'deployment' });
    expect(planOf({ prefix: 'ar', systems: [{ id: 'rung', resources: { dynamodb: [{ name: 'orders' }] } }] }).systems[0].targets[0].autonomy).toBeUndefined();
  });

  it('reaches the responder through AR_TARGETS and AR_AUTONOMY as the catalogue decodes it', () => {
    const plan = planOf({
      prefix: 'ar',
      autonomy: { recurrence: { maxApplies: 5, days: 3 }, failedVerifications: 4 },
      systems: [{ id: 'rung', autonomy: { severities: { P1: 'observe' } }, resources: { lambda: [{ name: 'a', alias: 'prod', autonomy: { default: 'propose' } }] } }],
    });
    const targets = plan.systems[0].targets;
    const json = encodeTargets(targets, DEFAULT_CAPS);
    const read = readTargets(JSON.parse(json), DEFAULT_CAPS, 'rung');
    expect(read.ok && read.value.targets).toEqual(decodeTargets(json, DEFAULT_CAPS, 'rung'));
    expect(read.ok && read.value.targets.get('a')?.autonomy).toEqual(targets[0].autonomy);
    const bad = readTargets([{ t: 'lambda', k: 'a', p: { name: 'a' }, l: { 'double-lambda-memory': ['yolo', 'resource'] } }], DEFAULT_CAPS, 'rung');
    expect(bad).toMatchObject({ ok: false, path: 'AR_TARGETS[0].l.double-lambda-memory[0]' });
    const system = systemAutonomy(plan.config, plan.systems[0].config, 'lambda');
    const env = { ...constructEnvironment('rung', 'lambda'), AR_AUTONOMY: responderEnvironment({ ...envInput, autonomy: { ...plan.config.autonomy, system } }).AR_AUTONOMY };
    expect(settingsFromEnv(env).autonomy).toEqual({ recurrence: { maxApplies: 5, days: 3 }, failedVerifications: 4, system: { severities: { P1: { level: 'observe', from: 'system' } } } });
    expect(() => settingsFromEnv({ ...env, AR_AUTONOMY: '{"recurrence":{"maxApplies":0,"days":3},"failedVerifications":4}' })).toThrow('AR_AUTONOMY.recurrence.maxApplies must be a positive integer, got 0');
  });
});
