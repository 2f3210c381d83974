import type { MaintenanceWindow, ResponderFamily } from '../../lib/catalogue';
import type { DeploymentConfigInput } from '../../lib/config/schema';
import { responderFunctionName } from '../../lib/constructs/private/responder-names';
import { defaultsWith } from '../helpers/config';
import { planOf } from '../helpers/responder-settings';
import { buildResponderStack } from './responder-test-stack';

const SYSTEM_WINDOW: MaintenanceWindow = { name: 'sunday patching', cron: '0 2 * * SUN', durationMinutes: 120, timeZone: 'Europe/Berlin' };
const API_WINDOW: MaintenanceWindow = { name: 'api release', start: '2026-12-01T22:00', durationMinutes: 60, timeZone: 'UTC' };

const plan = planOf(defaultsWith({
  'maintenance.escalate': ['P0', 'P1'],
  'systems.1.maintenance': { windows: [SYSTEM_WINDOW] },
  'systems.1.resources.lambda.0.maintenance': { windows: [API_WINDOW] },
}) as DeploymentConfigInput);
const { template } = buildResponderStack(plan);

function envOf(system: string, family: ResponderFamily): Record<string, unknown> {
  const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: responderFunctionName('ar', system, family) } }));
  return (fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
}

describe('maintenance windows in the responders\' environment', () => {
  it('gives a system\'s responders its windows and the paging rule in AR_MAINTENANCE, and a resource\'s own windows with its target', () => {
    const env = envOf('rung', 'lambda');
    expect(JSON.parse(String(env.AR_MAINTENANCE))).toEqual({ escalate: ['P0', 'P1'], windows: [{ ...SYSTEM_WINDOW, level: 'system' }] });
    const targets = JSON.parse(String(env.AR_TARGETS)) as Array<{ k: string; m?: unknown }>;
    expect(targets.find((t) => t.k === 'rung-api-prod')?.m).toEqual([API_WINDOW]);
    expect(targets.filter((t) => t.m !== undefined).map((t) => t.k)).toEqual(['rung-api-prod']);
  });

  it('adds nothing to the environment of a system without windows', () => {
    expect(envOf('healthhub', 'lambda').AR_MAINTENANCE).toBeUndefined();
    expect(String(envOf('healthhub', 'lambda').AR_TARGETS)).not.toContain('"m":');
  });
});
