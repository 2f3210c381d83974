import type { DeploymentPlan } from '../../lib/deployment';
import {
  ACCOUNT,
  allStatements,
  buildPlanStack,
  buildResponderStack,
  defaultPlan,
  lambdaSystemPlan,
  resourcesFor,
  statementsOf,
  type ResponderTestStack,
} from './responder-test-stack';

const ARN = `arn:aws:%s:us-east-1:${ACCOUNT}:`;
const arn = (service: string, rest: string) => `${ARN.replace('%s', service)}${rest}`;

/** Actions that may stand on `*`: reads, plus those AWS offers no resource type for and that change nothing. */
const UNSCOPABLE_NON_READS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
const isRead = (action: string) => /^[a-z0-9-]+:(Get|Describe|List|Lookup|Filter|Search)/.test(action);

let plan: DeploymentPlan;
let t: ResponderTestStack;

beforeAll(() => {
  plan = defaultPlan();
  t = buildResponderStack(plan);
});

describe('responder IAM', () => {
  test('no statement of any responder grants a mutating action on "*"', () => {
    const statements = allStatements(t.template);
    expect(statements.length).toBeGreaterThan(100);
    const offending = statements
      .filter((s) => s.resources.includes('*'))
      .flatMap((s) => s.actions)
      .filter((a) => !isRead(a) && !UNSCOPABLE_NON_READS.has(a) && !a.includes('*'));
    expect(offending).toEqual([]);
    // No action wildcard either: every action is named.
    expect(statements.flatMap((s) => s.actions).filter((a) => a.includes('*'))).toEqual([]);
  });

  test('the rung lambda responder may raise provisioned concurrency on alias rung-api-prod:prod only, and change the function itself unqualified', () => {
    const fn = arn('lambda', 'function:rung-api-prod');
    for (const action of ['lambda:PutProvisionedConcurrencyConfig', 'lambda:DeleteProvisionedConcurrencyConfig']) {
      expect(resourcesFor(t.template, 'ar-rung-lambda', action)).toEqual([`${fn}:prod`]);
    }
    for (const action of ['lambda:UpdateFunctionConfiguration', 'lambda:UpdateAlias', 'lambda:PublishVersion', 'lambda:PutFunctionConcurrency']) {
      expect(resourcesFor(t.template, 'ar-rung-lambda', action)).toEqual([fn]);
    }
  });

  test('functions configured without an alias (healthhub) get no alias-qualified grant', () => {
    for (const action of ['lambda:PutProvisionedConcurrencyConfig', 'lambda:UpdateAlias', 'lambda:PublishVersion']) {
      expect(resourcesFor(t.template, 'ar-healthhub-lambda', action)).toEqual([]);
    }
    expect(resourcesFor(t.template, 'ar-healthhub-lambda', 'lambda:UpdateFunctionConfiguration').sort()).toEqual([
      arn('lambda', 'function:ai-interaction-service'),
      arn('lambda', 'function:user-service'),
    ]);
  });

  test('the ai-lifestyle-app dynamodb responder may update the goals table only', () => {
    expect(resourcesFor(t.template, 'ar-ai-lifestyle-app-dynamodb', 'dynamodb:UpdateTable')).toEqual([arn('dynamodb', 'table/ai-lifestyle-app-goals-prod')]);
  });

  test("rung's rds responder may reboot rung-prod and can touch nothing of telehealth-crm", () => {
    expect(resourcesFor(t.template, 'ar-rung-rds', 'rds:RebootDBInstance')).toEqual([arn('rds', 'db:rung-prod')]);
    const everything = statementsOf(t.template, 'ar-rung-rds').flatMap((s) => s.resources);
    expect(everything.filter((r) => r.includes('telehealth'))).toEqual([]);
  });

  test('each family acts on its own targets: ECS service, App Runner service, cache cluster, distribution, WAF IP set', () => {
    expect(resourcesFor(t.template, 'ar-rung-ecs', 'ecs:UpdateService')).toEqual([arn('ecs', 'service/rung-prod/n8n')]);
    expect(resourcesFor(t.template, 'ar-telehealth-crm-appRunner', 'apprunner:StartDeployment')).toEqual([
      arn('apprunner', 'service/telehealth-crm-api/8fe1e10304f84fd2b0df550fe98a71fa'),
    ]);
    expect(resourcesFor(t.template, 'ar-telehealth-crm-appRunner', 'apprunner:CreateAutoScalingConfiguration')).toEqual([
      arn('apprunner', 'autoscalingconfiguration/crm-scaling/*'),
    ]);
    expect(resourcesFor(t.template, 'ar-telehealth-crm-elastiCache', 'elasticache:RebootCacheCluster')).toEqual([
      arn('elasticache', 'cluster:telehealth-crm-redis-001'),
    ]);
    expect(resourcesFor(t.template, 'ar-healthhub-cloudFront', 'cloudfront:CreateInvalidation')).toEqual([
      `arn:aws:cloudfront::${ACCOUNT}:distribution/E1234567890`,
    ]);
    expect(resourcesFor(t.template, 'ar-telehealth-crm-waf', 'wafv2:UpdateIPSet')).toEqual([
      arn('wafv2', 'regional/ipset/telehealth-crm-blocklist/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111'),
    ]);
    // rung's failed-auth log group names no IP set: its waf responder may query the log but block nothing.
    expect(resourcesFor(t.template, 'ar-rung-waf', 'wafv2:UpdateIPSet')).toEqual([]);
    expect(resourcesFor(t.template, 'ar-rung-waf', 'logs:FilterLogEvents')).toContain(arn('logs', 'log-group:/rung/audit/prod'));
  });

  test('each responder reads back only its own alarms (DescribeAlarms), by its filter prefixes, in their regions', () => {
    const latency = resourcesFor(t.template, 'ar-rung-lambda', 'cloudwatch:DescribeAlarms');
    expect(latency).toContain(arn('cloudwatch', 'alarm:ar-rung-high-latency-*'));
    expect(latency.every((r) => r.startsWith(arn('cloudwatch', 'alarm:ar-rung-')))).toBe(true);
    // The api-down alarms on Route 53 health checks live in us-east-1, like everything here.
    expect(resourcesFor(t.template, 'ar-healthhub-escalation', 'cloudwatch:DescribeAlarms')).toContain(arn('cloudwatch', 'alarm:ar-healthhub-api-down-*'));
    for (const r of plan.systems.flatMap((s) => s.responders)) {
      const alarms = resourcesFor(t.template, `ar-${r.system}-${r.family}`, 'cloudwatch:DescribeAlarms');
      expect(alarms).not.toContain('*');
      expect(alarms.length).toBeGreaterThan(0);
    }
    // The undo reads the state table now, never the remediation log.
    expect(resourcesFor(t.template, 'ar-rung-lambda', 'logs:FilterLogEvents').filter((r) => r.includes('RemediationLog'))).toEqual([]);
  });

  test('escalation responders hold no remediation action at all', () => {
    for (const system of plan.systems) {
      const actions = statementsOf(t.template, `ar-${system.id}-escalation`).flatMap((s) => s.actions);
      // Item reads and writes on the state table are guardrails, not remediations.
      const remediating = actions.filter((a) => /^(lambda|dynamodb|ecs|apprunner|rds|elasticache|cloudfront|wafv2):/.test(a) && !/^dynamodb:(Get|BatchGet|Put|Update|Delete)Item$/.test(a));
      expect(remediating).toEqual([]);
      expect(resourcesFor(t.template, `ar-${system.id}-escalation`, 'dynamodb:PutItem')).toEqual([expect.stringMatching(/^<StateTable.*\.Arn>$/)]);
    }
  });

  test('every responder may escalate, record, read diagnostics and the mode switch', () => {
    for (const r of plan.systems.flatMap((s) => s.responders)) {
      const name = `ar-${r.system}-${r.family}`;
      expect(resourcesFor(t.template, name, 'sns:Publish')).toEqual([`<${t.topicIds.escalation}>`]);
      expect(resourcesFor(t.template, name, 'kms:GenerateDataKey')).toEqual([expect.stringMatching(/^<TopicKey.*\.Arn>$/)]);
      expect(resourcesFor(t.template, name, 'logs:PutLogEvents')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^<RemediationLog.*\.Arn>$/)]),
      );
      expect(resourcesFor(t.template, name, 'ssm:GetParameter')).toEqual([arn('ssm', 'parameter/ar/mode')]);
      expect(resourcesFor(t.template, name, 'cloudwatch:GetMetricData')).toEqual(['*']);
      for (const group of r.diagnosticLogGroups) expect(resourcesFor(t.template, name, 'logs:FilterLogEvents')).toContain(arn('logs', `log-group:${group}`));
    }
  });
});

describe('responder environment size', () => {
  const synth = (p: DeploymentPlan) => buildPlanStack(p).template;
  const planOf = lambdaSystemPlan;

  test('every responder of the default configuration stays under 4 KB, tokens counted at 256 characters', () => {
    const fns = Object.values(t.template.findResources('AWS::Lambda::Function'));
    expect(fns).toHaveLength(plan.systems.flatMap((s) => s.responders).length);
    for (const fn of fns) {
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const measured = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : 'x'.repeat(256)]));
      expect(JSON.stringify(measured).length).toBeLessThan(4096);
    }
  });

  test('ships the targets in a layer when they do not fit the environment', () => {
    const small = synth(planOf(5));
    small.resourceCountIs('AWS::Lambda::LayerVersion', 0);
    const big = synth(planOf(60));
    big.resourceCountIs('AWS::Lambda::LayerVersion', 1);
    const [fn] = Object.values(big.findResources('AWS::Lambda::Function', { Properties: { FunctionName: 'ar-big-lambda' } }));
    const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(vars.AR_TARGETS_FILE).toBe('/opt/alert-responder/targets.json');
    expect(vars).not.toHaveProperty('AR_TARGETS');
    expect(fn.Properties.Layers).toHaveLength(1);
  });
});
