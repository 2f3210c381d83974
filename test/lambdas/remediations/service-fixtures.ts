import 'aws-sdk-client-mock-jest';
import { DEFAULT_CAPS, type AlertKindId, type Caps, type Target, type TargetProps, type TargetType } from '../../../lib/catalogue';
import type { RemediationContext } from '../../../lambdas/core/remediation';
import { NOW } from './fixtures';

export { expectChange, expectNoOp, NOW } from './fixtures';

/** The alarm fired five minutes before NOW. */
export const STATE_CHANGE_TIME = new Date('2026-03-01T11:55:00.000Z');
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** telehealth-crm's App Runner service; the runbook names none, so the name and id are examples. */
export const APP_RUNNER_SERVICE_ID = '0123456789abcdef0123456789abcdef';
export const APP_RUNNER_SERVICE_ARN = `arn:aws:apprunner:${REGION}:${ACCOUNT}:service/telehealth-crm-api/${APP_RUNNER_SERVICE_ID}`;

interface Overrides<T extends TargetType> {
  readonly props?: Partial<TargetProps<T>>;
  readonly caps?: Partial<Caps>;
}

function target<T extends TargetType>(type: T, key: string, system: string, props: TargetProps<T>, overrides: Overrides<T>): Target<T> {
  return {
    type,
    key,
    system,
    props: { ...props, ...overrides.props },
    caps: { ...DEFAULT_CAPS, ...overrides.caps },
    guarded: [],
  };
}

export const dynamodbTarget = (o: Overrides<'dynamodb'> = {}) =>
  target('dynamodb', 'ai-lifestyle-app-goals-prod', 'ai-lifestyle-app', { name: 'ai-lifestyle-app-goals-prod' }, o);

export const ecsTarget = (o: Overrides<'ecs'> = {}) => target('ecs', 'n8n', 'rung', { cluster: 'rung-prod', service: 'n8n', containerInsights: false }, o);

export const appRunnerTarget = (o: Overrides<'appRunner'> = {}) =>
  target('appRunner', 'telehealth-crm-api', 'telehealth-crm', { name: 'telehealth-crm-api', serviceId: APP_RUNNER_SERVICE_ID, autoScalingConfiguration: 'crm-scaling' }, o);

export const rdsTarget = (o: Overrides<'rds'> = {}) => target('rds', 'rung-prod', 'rung', { instanceId: 'rung-prod', maxConnections: 100 }, o);

/** telehealth-crm's Redis cluster; the runbook names none, so the id is an example. */
export const elastiCacheTarget = (o: Overrides<'elastiCache'> = {}) =>
  target('elastiCache', 'telehealth-crm-redis', 'telehealth-crm', { clusterId: 'telehealth-crm-redis' }, o);

export const cloudFrontTarget = (o: Overrides<'cloudFront'> = {}) =>
  target('cloudFront', 'E1234567890', 'healthhub', { distributionId: 'E1234567890' }, o);

/** rung's audit log with a regional WAF IP set (the IP set name and id are examples). */
export const WAF_IP_SET = { name: 'rung-blocked-sources', id: 'a1b2c3d4-5678-90ab-cdef-111122223333', scope: 'REGIONAL' } as const;

export const logGroupTarget = (o: Overrides<'logGroup'> = {}) =>
  target(
    'logGroup',
    'rung-audit',
    'rung',
    { logGroupName: '/rung/audit/prod', alert: 'auth-failures', sourceIpField: 'sourceIp', wafIpSet: WAF_IP_SET },
    o,
  );

/** A context whose alarm of `kind` fired at STATE_CHANGE_TIME over a 600 s window. */
export function serviceContext<T extends TargetType>(t: Target<T>, kind: AlertKindId): RemediationContext<T> {
  const name = `${t.system}-${kind}-${t.key}`;
  return {
    target: t,
    alarm: {
      name,
      arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
      state: 'ALARM',
      reason: 'Threshold Crossed',
      stateChangeTime: STATE_CHANGE_TIME,
      stateChangeTimeRaw: STATE_CHANGE_TIME.toISOString(),
      region: REGION,
      account: ACCOUNT,
      metrics: [],
    },
    kind,
    region: REGION,
    account: ACCOUNT,
    windowSeconds: 600,
    now: () => NOW,
    calls: [],
  };
}


/** An error shaped as the SDK throws it: awsCall looks at the name and the HTTP status. */
export function awsError(name: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(`${name} (test)`), { name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode } });
}

/** A plan is a dry run: it made calls, and none of them changed anything. */
export function expectOnlyReads(ctx: RemediationContext): void {
  expect(ctx.calls.length).toBeGreaterThan(0);
  expect(ctx.calls.filter((c) => c.mutating)).toEqual([]);
}
