import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../lib/config/load';
import { ConfigError } from '../../lib/config/problems';
import { REMOVE, defaultsWith, type Changes } from '../helpers/config';
import { DEFAULT_CONFIG_PATH } from '../helpers/synth';

/** The ConfigError a changed default configuration raises. */
function errorFor(changes: Changes): ConfigError {
  try {
    parseConfig(defaultsWith(changes), 'test');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  test('the default configuration loads with its five systems', () => {
    const config = loadConfig(DEFAULT_CONFIG_PATH);
    expect(config.systems.map((s) => s.id)).toEqual(['healthhub', 'rung', 'ai-lifestyle-app', 'hlekkr', 'telehealth-crm']);
    expect(config.prefix).toBe('ar');
  });

  test.each<[string, Changes, string, string]>([
    ['an unknown alert kind in system alerts', { 'systems.0.alerts.no-such-kind': { threshold: 1 } }, 'systems[0].alerts.no-such-kind', 'unknown alert kind (received "no-such-kind")'],
    ['an unknown alert kind in resource alerts', { 'systems.0.resources.lambda.0.alerts': { 'no-such-kind': {} } }, 'systems[0].resources.lambda[0].alerts.no-such-kind', 'unknown alert kind (received "no-such-kind")'],
    ['an unknown alert kind as a log group’s alert', { 'systems.1.resources.logGroup.0.alert': 'no-such-kind' }, 'systems[1].resources.logGroup[0].alert', 'unknown alert kind (received "no-such-kind")'],
    ['a resource without its name', { 'systems.0.resources.lambda.0.name': REMOVE }, 'systems[0].resources.lambda[0].name', 'expected string, received undefined'],
    ['a health check without an id', { 'systems.0.resources.healthCheck.0.id': REMOVE }, 'systems[0].resources.healthCheck[0].id', 'is required for healthCheck resources'],
    ['a threshold out of range', { 'systems.0.alerts.high-error-rate.threshold': 150 }, 'systems[0].alerts.high-error-rate.threshold', 'must be between 0 and 100 (percent) (received 150)'],
    ['duplicate system ids', { 'systems.1.id': 'healthhub' }, 'systems[1].id', 'duplicate system id, already used by systems[0] (received "healthhub")'],
    ['duplicate resource keys', { 'systems.3.resources.dynamodb.1.name': 'hlekkr-prod-media-analysis' }, 'systems[3].resources.dynamodb[1].id', 'duplicate resource key in system "hlekkr", already used by systems[3].resources.dynamodb[0]'],
    ['an alert kind on a type it does not apply to', { 'systems.0.resources.lambda.0.alerts': { 'dynamodb-throttling': {} } }, 'systems[0].resources.lambda[0].alerts.dynamodb-throttling', 'does not apply to lambda resources (it applies to: dynamodb)'],
    ['a guarded action on the wrong resource type', { 'systems.0.resources.lambda.0.guarded': ['reboot-rds-instance'] }, 'systems[0].resources.lambda[0].guarded', 'guarded action "reboot-rds-instance" acts on rds resources, not on lambda'],
    ['a backend that does not exist', { 'systems.0.resources.apiGateway.0.backends.2': { type: 'lambda', key: 'nope' } }, 'systems[0].resources.apiGateway[0].backends[2]', 'no lambda resource with key "nope" in system "healthhub"'],
    ['an invalid prefix', { prefix: 'Bad_Prefix' }, 'prefix', 'must be 2-20 lowercase letters, digits or "-", starting with a letter (received "Bad_Prefix")'],
  ])('fails on %s', (_, changes, path, message) => {
    const error = errorFor(changes);
    const problem = error.problems.find((p) => p.path === path);
    expect(problem).toBeDefined();
    expect(error.message).toContain(`  - ${path}: `);
    expect(error.message).toContain(message);
  });

  test('fails with one ConfigError listing every problem, each with its path and received value', () => {
    const error = errorFor({
      'systems.0.alerts.no-such-kind': {},
      'systems.0.alerts.high-latency.threshold': -5,
      'systems.1.id': 'healthhub',
      'systems.2.resources.lambda.0.guarded': ['reboot-elasticache-cluster'],
      'systems.4.resources.healthCheck.0.backends.0.key': 'missing-service',
    });
    expect(error.problems.map((p) => p.path)).toEqual([
      'systems[0].alerts.high-latency.threshold',
      'systems[0].alerts.no-such-kind',
      'systems[1].id',
      'systems[2].resources.lambda[0].guarded',
      'systems[4].resources.healthCheck[0].backends[0]',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid alert-responder configuration (test): 5 problems',
      '  - systems[0].alerts.high-latency.threshold: out of range for high-latency: must be between 1 and 900000 (milliseconds) (received -5)',
      '  - systems[0].alerts.no-such-kind: unknown alert kind (received "no-such-kind")',
      '  - systems[1].id: duplicate system id, already used by systems[0] (received "healthhub")',
      '  - systems[2].resources.lambda[0].guarded: guarded action "reboot-elasticache-cluster" acts on elastiCache resources, not on lambda (received "reboot-elasticache-cluster")',
      '  - systems[4].resources.healthCheck[0].backends[0]: no appRunner resource with key "missing-service" in system "telehealth-crm" (received {"type":"appRunner","key":"missing-service"})',
    ]);
  });

  test('lists every schema problem at once too', () => {
    const error = errorFor({ prefix: 'X', region: 'mars', 'systems.3.resources.lambda.0.name': REMOVE });
    expect(error.problems.map((p) => p.path)).toEqual(['prefix', 'region', 'systems[3].resources.lambda[0].name']);
    expect(error.message).toContain('(received "mars")');
  });

  test('fails on a file that is not JSON, naming the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ar-config-')), 'broken.json');
    writeFileSync(path, '{ "prefix": ');
    expect(() => loadConfig(path)).toThrow(ConfigError);
    expect(() => loadConfig(path)).toThrow(`Invalid alert-responder configuration (${path}): 1 problem`);
  });

  test('fails on a file that does not exist', () => {
    expect(() => loadConfig('/nonexistent/alert-responder.json')).toThrow('cannot read the file');
  });
});
