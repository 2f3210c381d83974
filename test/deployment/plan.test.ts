import { ALERT_KINDS, REMEDIATIONS, type PermissionSpec, type RemediationSpec } from '../../lib/catalogue';
import { MAX_FILTER_VALUES, planDeployment, type DeploymentPlan, type PlannedAlarm, type SystemPlan } from '../../lib/deployment';
import { configWith } from '../helpers/config';

let plan: DeploymentPlan;

beforeAll(() => {
  plan = planDeployment(configWith());
});

function system(id: string, from: DeploymentPlan = plan): SystemPlan {
  const found = from.systems.find((s) => s.id === id);
  if (!found) throw new Error(`no system ${id}`);
  return found;
}

function alarm(name: string, from: DeploymentPlan = plan): PlannedAlarm {
  const found = from.systems.flatMap((s) => s.alarms).find((a) => a.name === name);
  if (!found) throw new Error(`no alarm ${name}`);
  return found;
}

describe('planDeployment', () => {
  test('plans one alarm per resource and applicable alert kind', () => {
    // healthhub: 2 Lambda functions × 5 kinds, the API × 3, health check, table, distribution, billing.
    expect(system('healthhub').alarms).toHaveLength(2 * 5 + 3 + 1 + 1 + 1 + 1);
    const perKind = (kinds: string[]) => kinds.sort();
    expect(perKind(system('healthhub').alarms.filter((a) => a.target.key === 'user-service').map((a) => a.kind.id))).toEqual(
      perKind(Object.values(ALERT_KINDS).filter((k) => k.signals.lambda).map((k) => k.id)),
    );
  });

  test('takes system overrides, and resource overrides over them', () => {
    expect(alarm('ar-healthhub-high-latency-user-service').threshold).toBe(5000);
    expect(alarm('ar-ai-lifestyle-app-high-latency-get_goal-prod').threshold).toBe(500);
    expect(alarm('ar-rung-auth-failures-failed-auth')).toMatchObject({ threshold: 20, evaluationPeriods: 2, datapointsToAlarm: 2 });
    const changed = planDeployment(configWith({ 'systems.0.resources.lambda.0.alerts': { 'high-latency': { threshold: 750 } } }));
    expect(alarm('ar-healthhub-high-latency-user-service', changed).threshold).toBe(750);
    expect(alarm('ar-healthhub-high-latency-ai-interaction-service', changed).threshold).toBe(5000);
  });

  test('leaves out disabled alarms and caps datapoints at the evaluation periods', () => {
    const changed = planDeployment(
      configWith({
        'systems.0.alerts.lambda-memory': { disabled: true },
        'systems.0.alerts.lambda-throttles': { evaluationPeriods: 1, datapointsToAlarm: 1 },
        'systems.0.resources.lambda.0.alerts': { 'lambda-throttles': { evaluationPeriods: 3 } },
      }),
    );
    expect(system('healthhub', changed).alarms.filter((a) => a.kind.id === 'lambda-memory')).toEqual([]);
    expect(alarm('ar-healthhub-lambda-throttles-user-service', changed)).toMatchObject({ evaluationPeriods: 3, datapointsToAlarm: 1 });
  });

  test('acts on an API’s backends, and escalates where the backends have no remediation', () => {
    expect(alarm('ar-healthhub-high-latency-healthhub-api')).toMatchObject({ family: 'lambda', remediation: ['raise-provisioned-concurrency'] });
    expect(alarm('ar-healthhub-high-latency-healthhub-api').actsOn.map((t) => t.key)).toEqual(['user-service', 'ai-interaction-service']);
    expect(alarm('ar-telehealth-crm-api-down-api-health')).toMatchObject({ family: 'appRunner', remediation: ['redeploy-apprunner-service'] });
    expect(alarm('ar-healthhub-api-down-health')).toMatchObject({ family: 'escalation', remediation: [], actsOn: [] });
  });

  test('escalates when an API’s backends belong to different responder families', () => {
    const changed = planDeployment(configWith({ 'systems.1.resources.apiGateway.0.backends': [{ type: 'lambda', key: 'rung-api-prod' }, { type: 'ecs', key: 'n8n' }] }));
    expect(alarm('ar-rung-high-latency-rung-api', changed)).toMatchObject({ family: 'escalation', remediation: [] });
  });

  test('marks exactly the alarms on us-east-1-only metrics', () => {
    const east = plan.systems.flatMap((s) => s.alarms.filter((a) => a.usEast1).map((a) => a.name));
    expect(east.sort()).toEqual(['ar-healthhub-api-down-health', 'ar-healthhub-daily-cost-account', 'ar-healthhub-frontend-errors-E1234567890', 'ar-telehealth-crm-api-down-api-health']);
  });

  test('resolves caps (deployment, then system, then resource) and log-group default patterns', () => {
    const hub = system('healthhub');
    expect(hub.targets.find((t) => t.key === 'user-service')?.caps.maxTimeoutSeconds).toBe(300);
    expect(hub.targets.find((t) => t.key === 'ai-interaction-service')?.caps.maxTimeoutSeconds).toBe(900);
    expect(system('ai-lifestyle-app').targets[0].caps).toMatchObject({ maxMemoryMb: 512, maxProvisionedConcurrency: 2, maxReservedConcurrency: 200 });
    const authLog = system('telehealth-crm').targets.find((t) => t.key === 'auth-log');
    expect(authLog?.props).toMatchObject({ filterPattern: ALERT_KINDS['auth-failures'].defaultFilterPattern });
  });

  test('describes each alarm with its severity, condition, response and runbook', () => {
    const a = alarm('ar-hlekkr-queue-depth-review-queue');
    expect(a.description).toContain('[P2]');
    expect(a.description).toContain('GreaterThanThreshold 100 over 2 x 300s');
    expect(a.description).toContain('hlekkr.md 5');
  });
});

describe('planned responders', () => {
  test('one per remediation family of a system, each owning its alarms', () => {
    expect(system('telehealth-crm').responders.map((r) => r.family)).toEqual(['appRunner', 'rds', 'elastiCache', 'waf', 'escalation']);
    for (const s of plan.systems) {
      expect(s.responders.flatMap((r) => r.alarms).length).toBe(s.alarms.length);
    }
  });

  test('filter by alarm-name prefix per kind where one family owns the kind', () => {
    const lambda = system('hlekkr').responders.find((r) => r.family === 'lambda');
    expect(lambda?.filter).toContainEqual({ prefix: 'ar-hlekkr-high-latency-' });
  });

  test('filter by exact names where a kind is split between families, so no alarm reaches two responders', () => {
    const changed = planDeployment(configWith({ 'systems.1.resources.appRunner': [{ name: 'rung-web', serviceId: '0123456789abcdef0123456789abcdef' }] }));
    const rung = system('rung', changed);
    const lambda = rung.responders.find((r) => r.family === 'lambda');
    const appRunner = rung.responders.find((r) => r.family === 'appRunner');
    expect(lambda?.filter).toEqual(expect.arrayContaining(['ar-rung-high-latency-rung-api-prod', 'ar-rung-high-latency-rung-api']));
    expect(lambda?.filter).not.toContainEqual({ prefix: 'ar-rung-high-latency-' });
    expect(appRunner?.filter).toContain('ar-rung-high-latency-rung-web');
  });

  test(`fails when a responder would need more than ${MAX_FILTER_VALUES} filter values`, () => {
    const lambdas = Array.from({ length: MAX_FILTER_VALUES + 1 }, (_, i) => ({ name: `fn-${i}` }));
    const config = configWith({
      'systems.3.resources.lambda': lambdas,
      'systems.3.resources.appRunner': [{ name: 'hlekkr-web', serviceId: '0123456789abcdef0123456789abcdef' }],
    });
    expect(() => planDeployment(config)).toThrow(new RegExp(`System "hlekkr": the lambda responder would need \\d+ filter values, over SNS's ${MAX_FILTER_VALUES}`));
  });
});

describe('planDeployment against the IAM reference', () => {
  // The reviewed mistake: ecs:StopTask declared on the service, which synth used to grant.
  test('fails synth, naming the action and the type, when a remediation declares the wrong resource type', () => {
    const specs: Record<string, RemediationSpec> = REMEDIATIONS;
    const spec = REMEDIATIONS['redeploy-ecs-service'];
    const wrong: PermissionSpec = { actions: ['ecs:StopTask'], on: 'ecs:service' };
    const replaced = jest.replaceProperty(specs, 'redeploy-ecs-service', { ...spec, permissions: [...spec.permissions, wrong] });
    try {
      expect(() => planDeployment(configWith())).toThrow(/redeploy-ecs-service: ecs:StopTask is declared on ecs:service, but the reference says it acts on task/);
    } finally {
      replaced.restore();
    }
    expect(() => planDeployment(configWith())).not.toThrow();
  });
});
