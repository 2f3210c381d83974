/**
 * Part 8: faults. For every remediation of the registry, every AWS call its plan and apply make
 * gets each fault (throttling, 5xx, access denied, conflict where the API has one, timeout),
 * once as a fault that clears and once as one that persists, through `respond`.
 */
import { REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import { LOCK_CONFLICT_RETRIES } from '../../../lambdas/remediations/waf/block-source-ips';
import { updatePollPolicy } from '../../../lambdas/remediations/lambda/lambda-alias-publish';
import { forgetHealthCheckerRanges } from '../../../lambdas/remediations/waf/never-block';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import type { Escalate } from '../../../lambdas/escalation/escalate-alarm';
import type { Guard } from '../../../lambdas/guardrails/guard';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond } from '../../../lambdas/pipeline/respond';
import { mutatingCommandsSent, resetAllClients, sentCommands, timesSent, type SentCommand, type ServiceName } from '../../helpers/all-clients-mock';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';

/** `read`: plan's reads; `write`: a mutation safe to repeat (absolute values); `once`: a repeat would act twice. */
type Kind = 'read' | 'write' | 'once';
interface Call {
  readonly service: ServiceName;
  readonly operation: string;
  readonly kind: Kind;
  readonly phase: 'plan' | 'apply';
  /** The answer on the happy path. */
  readonly ok: unknown;
  /** The API's own conflict error, and what the remediation does about it. */
  readonly conflict?: { readonly name: string; readonly recovery: 'retried' | 'reread' | 'none' };
}
interface Described {
  readonly id: keyof typeof REMEDIATION_REGISTRY;
  readonly alarm: string;
  readonly calls: readonly Call[];
}

const read = (service: ServiceName, operation: string, ok: unknown): Call => ({ service, operation, kind: 'read', phase: 'plan', ok });
const write = (service: ServiceName, operation: string, ok: unknown, kind: Kind, conflict?: Call['conflict']): Call => ({ service, operation, kind, phase: 'apply', ok, conflict });
const conflict = (name: string, recovery: 'retried' | 'reread' | 'none' = 'none') => ({ name, recovery });

const NOW = new Date('2026-11-23T03:20:00.000Z');
// Version 7 and $LATEST alike (the same code): rung's alias prod serves version 7, so the raise goes
// through a new version. Apply's wait reads the same answer, an update already Successful.
// Read through the alias, which serves version 7 (the plan checks that; the unqualified read's Version is not used).
const FUNCTION_CONFIG = { Version: '7', MemorySize: 256, Timeout: 3, State: 'Active', LastUpdateStatus: 'Successful', CodeSha256: 'code-sha256=', RevisionId: 'rev-1' };
const ALIAS_ON_VERSION = read('lambda', 'GetAlias', { FunctionVersion: '7', RevisionId: 'alias-rev-1' });
const PUBLISH = (published: object) => write('lambda', 'PublishVersion', { Version: '8', ...published }, 'write', conflict('ResourceConflictException', 'retried'));
const ALIAS_MOVED = write('lambda', 'UpdateAlias', { FunctionVersion: '8' }, 'write', conflict('ResourceConflictException', 'retried'));
const RESERVED = read('lambda', 'GetFunctionConcurrency', { ReservedConcurrentExecutions: 50 });
const ACCOUNT_SETTINGS = read('lambda', 'GetAccountSettings', { AccountLimit: { UnreservedConcurrentExecutions: 900 } });
const LAMBDA_CONFLICT = conflict('ResourceConflictException');
const N8N = { serviceName: 'n8n', status: 'ACTIVE', desiredCount: 1, runningCount: 0, deploymentController: { type: 'ECS' }, deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED' }] };
const DESCRIBE_N8N = read('ecs', 'DescribeServices', { services: [N8N] });
const SCALING_ARN = `arn:aws:apprunner:us-east-1:${ACCOUNT}:autoscalingconfiguration/crm-scaling/1/0123`;
const DESCRIBE_APP = read('apprunner', 'DescribeService', { Service: { Status: 'RUNNING', ServiceUrl: 'x.awsapprunner.com', AutoScalingConfigurationSummary: { AutoScalingConfigurationArn: SCALING_ARN } } });
const APP_RUNNER_BUSY = conflict('InvalidStateException');
const IP_SET = { IPSet: { Name: 'telehealth-crm-blocklist', Id: 'a1b2', ARN: 'arn:aws:wafv2:x', IPAddressVersion: 'IPV4', Addresses: ['192.0.2.0/24'], Description: 'blocked' }, LockToken: 'token-1' };
const AUTH_ALARM = 'ar-telehealth-crm-auth-failures-auth-log';
const STORED_AUTH_ALARM = { AlarmName: AUTH_ALARM, StateValue: 'ALARM', StateTransitionedTimestamp: new Date('2026-11-23T03:12:45.123Z'), Period: 300, EvaluationPeriods: 2 };
const FAILED_LOGINS = Array.from({ length: 40 }, (_, i) => ({ timestamp: Date.parse('2026-11-23T03:10:00Z') + i, message: '{"ip":"203.0.113.7","msg":"Authentication failed"}' }));

/** Per remediation: an alarm of the default configuration it answers, and the calls it makes to fix it. */
const DESCRIBED: readonly Described[] = [
  { id: 'raise-provisioned-concurrency', alarm: 'ar-rung-high-latency-rung-api-prod', calls: [
    read('lambda', 'GetProvisionedConcurrencyConfig', { RequestedProvisionedConcurrentExecutions: 2, AllocatedProvisionedConcurrentExecutions: 2, Status: 'READY' }),
    RESERVED, ACCOUNT_SETTINGS,
    write('lambda', 'PutProvisionedConcurrencyConfig', { Status: 'IN_PROGRESS' }, 'write', LAMBDA_CONFLICT)] },
  { id: 'raise-reserved-concurrency', alarm: 'ar-rung-lambda-throttles-rung-api-prod', calls: [
    RESERVED, ACCOUNT_SETTINGS, write('lambda', 'PutFunctionConcurrency', { ReservedConcurrentExecutions: 60 }, 'write', LAMBDA_CONFLICT)] },
  { id: 'double-lambda-memory', alarm: 'ar-rung-lambda-memory-rung-api-prod', calls: [
    ALIAS_ON_VERSION,
    read('lambda', 'GetFunctionConfiguration', FUNCTION_CONFIG),
    write('lambda', 'UpdateFunctionConfiguration', { MemorySize: 512 }, 'write', conflict('ResourceConflictException', 'retried')),
    PUBLISH({ MemorySize: 512 }), ALIAS_MOVED] },
  { id: 'double-lambda-timeout', alarm: 'ar-rung-lambda-timeouts-rung-api-prod', calls: [
    ALIAS_ON_VERSION,
    read('lambda', 'GetFunctionConfiguration', FUNCTION_CONFIG),
    write('lambda', 'UpdateFunctionConfiguration', { Timeout: 6 }, 'write', conflict('ResourceConflictException', 'retried')),
    PUBLISH({ Timeout: 6 }), ALIAS_MOVED] },
  { id: 'rollback-lambda-alias', alarm: 'ar-rung-high-error-rate-rung-api-prod', calls: [
    read('lambda', 'GetAlias', { FunctionVersion: '8' }),
    read('lambda', 'ListVersionsByFunction', { Versions: [{ Version: '$LATEST' }, { Version: '7', LastModified: '2026-11-01T00:00:00.000+0000' }, { Version: '8', LastModified: '2026-11-23T03:00:00.000+0000' }] }),
    write('lambda', 'UpdateAlias', { FunctionVersion: '7' }, 'write', LAMBDA_CONFLICT)] },
  { id: 'switch-dynamodb-on-demand', alarm: 'ar-ai-lifestyle-app-dynamodb-throttling-ai-lifestyle-app-goals-prod', calls: [
    read('dynamodb', 'DescribeTable', { Table: { TableStatus: 'ACTIVE', BillingModeSummary: { BillingMode: 'PROVISIONED' }, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } }),
    write('dynamodb', 'UpdateTable', { TableDescription: { TableStatus: 'UPDATING' } }, 'write', conflict('ResourceInUseException'))] },
  { id: 'redeploy-ecs-service', alarm: 'ar-rung-ecs-service-down-n8n', calls: [
    DESCRIBE_N8N, write('ecs', 'UpdateService', { service: { deployments: [{ id: 'ecs-svc/2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }] } }, 'once')] },
  { id: 'scale-out-ecs-service', alarm: 'ar-rung-high-cpu-n8n', calls: [DESCRIBE_N8N, write('ecs', 'UpdateService', { service: { desiredCount: 2 } }, 'write')] },
  { id: 'redeploy-apprunner-service', alarm: 'ar-telehealth-crm-high-memory-telehealth-crm-api', calls: [
    DESCRIBE_APP, write('apprunner', 'StartDeployment', { OperationId: 'op-1' }, 'once', APP_RUNNER_BUSY)] },
  { id: 'raise-apprunner-max-size', alarm: 'ar-telehealth-crm-high-cpu-telehealth-crm-api', calls: [
    DESCRIBE_APP,
    read('apprunner', 'DescribeAutoScalingConfiguration', { AutoScalingConfiguration: { AutoScalingConfigurationName: 'crm-scaling', MaxSize: 5, MinSize: 1, MaxConcurrency: 100 } }),
    write('apprunner', 'CreateAutoScalingConfiguration', { AutoScalingConfiguration: { AutoScalingConfigurationArn: `${SCALING_ARN.slice(0, -7)}2/4567` } }, 'once'),
    write('apprunner', 'UpdateService', { OperationId: 'op-2' }, 'write', APP_RUNNER_BUSY)] },
  { id: 'reboot-rds-instance', alarm: 'ar-rung-database-connections-rung-prod', calls: [
    read('rds', 'DescribeDBInstances', { DBInstances: [{ DBInstanceStatus: 'available', DBInstanceClass: 'db.t3.medium', Engine: 'postgres', MultiAZ: false }] }),
    write('rds', 'RebootDBInstance', { DBInstance: { DBInstanceStatus: 'rebooting' } }, 'once', conflict('InvalidDBInstanceStateFault'))] },
  { id: 'reboot-elasticache-cluster', alarm: 'ar-telehealth-crm-redis-connection-failed-telehealth-crm-redis-001', calls: [
    read('elasticache', 'DescribeCacheClusters', { CacheClusters: [{ CacheClusterStatus: 'available', Engine: 'redis', CacheNodes: [{ CacheNodeId: '0001' }] }] }),
    write('elasticache', 'RebootCacheCluster', { CacheCluster: { CacheClusterStatus: 'rebooting cache cluster nodes' } }, 'once', conflict('InvalidCacheClusterStateFault'))] },
  { id: 'invalidate-cloudfront', alarm: 'ar-healthhub-frontend-errors-E1234567890', calls: [
    read('cloudfront', 'GetDistribution', { Distribution: { Status: 'Deployed', DomainName: 'd1.cloudfront.net', InProgressInvalidationBatches: 0, DistributionConfig: { Enabled: true } } }),
    // The CallerReference makes a repeat return the same invalidation.
    write('cloudfront', 'CreateInvalidation', { Invalidation: { Id: 'I1', Status: 'InProgress' } }, 'write')] },
  { id: 'block-source-ips', alarm: AUTH_ALARM, calls: [
    read('cloudwatch', 'DescribeAlarms', { MetricAlarms: [STORED_AUTH_ALARM] }),
    read('route53', 'GetCheckerIpRanges', { CheckerIpRanges: ['15.177.0.0/18'] }),
    read('logs', 'FilterLogEvents', { events: FAILED_LOGINS }),
    read('wafv2', 'GetIPSet', IP_SET), // read again by apply, for a fresh lock token
    write('wafv2', 'UpdateIPSet', { NextLockToken: 'token-2' }, 'write', conflict('WAFOptimisticLockException', 'reread'))] },
];

/** How each service names its throttling, server and access errors. */
const NAMES: Partial<Record<ServiceName, { throttling: string; server: readonly [string, number]; denied: string }>> = {
  lambda: { throttling: 'TooManyRequestsException', server: ['ServiceException', 500], denied: 'AccessDeniedException' },
  dynamodb: { throttling: 'ThrottlingException', server: ['InternalServerError', 500], denied: 'AccessDeniedException' },
  ecs: { throttling: 'ThrottlingException', server: ['ServerException', 500], denied: 'AccessDeniedException' },
  apprunner: { throttling: 'ThrottlingException', server: ['InternalServiceErrorException', 500], denied: 'AccessDeniedException' },
  rds: { throttling: 'Throttling', server: ['InternalFailure', 500], denied: 'AccessDenied' },
  elasticache: { throttling: 'Throttling', server: ['ServiceUnavailable', 503], denied: 'AccessDenied' },
  cloudfront: { throttling: 'Throttling', server: ['ServiceUnavailable', 503], denied: 'AccessDenied' },
  wafv2: { throttling: 'ThrottlingException', server: ['WAFInternalErrorException', 500], denied: 'AccessDeniedException' },
  logs: { throttling: 'ThrottlingException', server: ['ServiceUnavailableException', 503], denied: 'AccessDeniedException' },
  cloudwatch: { throttling: 'Throttling', server: ['InternalServiceError', 500], denied: 'AccessDenied' },
  route53: { throttling: 'Throttling', server: ['ServiceUnavailable', 503], denied: 'AccessDenied' },
};

const FAULTS = ['throttling', '5xx', 'access-denied', 'conflict', 'timeout'] as const;
type Fault = (typeof FAULTS)[number];
const TRANSIENT: readonly Fault[] = ['throttling', '5xx', 'timeout'];
/** A fault that clears fails this many times first. */
const FAILS = 2;

function faultError(call: Call, fault: Fault): Error {
  const names = NAMES[call.service];
  if (!names) throw new Error(`no error names for ${call.service}`);
  const sdk = (name: string, status: number) =>
    Object.assign(new Error(`${name} (injected)`), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
  switch (fault) {
    case 'throttling': return sdk(names.throttling, 400);
    case '5xx': return sdk(names.server[0], names.server[1]);
    case 'access-denied': return sdk(names.denied, 403);
    case 'conflict': return sdk(call.conflict?.name ?? 'Conflict', 409);
    case 'timeout': return Object.assign(new Error('Connection timed out after 3000 ms'), { name: 'TimeoutError' });
  }
}

interface Case {
  readonly name: string;
  readonly described: Described;
  readonly call: Call;
  readonly fault: Fault;
  readonly persists: boolean;
}
const cases: Case[] = DESCRIBED.flatMap((described) =>
  described.calls.flatMap((call) =>
    FAULTS.filter((fault) => fault !== 'conflict' || call.conflict !== undefined).flatMap((fault) =>
      [false, true].map((persists) => ({
        name: `${described.id} ${call.operation} ${fault} ${persists ? 'persists' : 'clears'}`,
        described, call, fault, persists,
      })),
    ),
  ),
);

/** What must happen: the decision, and how many times the faulted call is sent where it first fails. */
function expected(c: Case): { decision: 'applied' | 'failed'; sends: number } {
  const outcome = (retried: boolean, limit: number) => (retried ? (c.persists ? { decision: 'failed' as const, sends: limit } : { decision: 'applied' as const, sends: FAILS + 1 }) : { decision: 'failed' as const, sends: 1 });
  if (c.fault === 'conflict' && c.call.conflict?.recovery === 'reread') return outcome(true, LOCK_CONFLICT_RETRIES + 1);
  // Throttling means AWS refused the request before acting: even a call that must not act twice is sent again.
  const retried =
    c.fault === 'throttling' ||
    (TRANSIENT.includes(c.fault) && c.call.kind !== 'once') ||
    (c.fault === 'conflict' && c.call.conflict?.recovery === 'retried');
  return outcome(retried, retryPolicy.maxAttempts);
}

/** AWS as the description says, with one call faulted; unknown calls are collected, not answered. */
function fakeAws(described: Described, fault?: { call: Call; error: Error; persists: boolean }) {
  const unexpected: string[] = [];
  let failed = 0;
  resetAllClients((sent: SentCommand) => {
    const call = described.calls.find((c) => c.service === sent.service && c.operation === sent.operation);
    if (!call) {
      unexpected.push(`${sent.service}:${sent.operation}`);
      throw new Error(`unexpected ${sent.service}:${sent.operation}`);
    }
    if (fault?.call === call && (fault.persists || failed < FAILS)) {
      failed += 1;
      throw fault.error;
    }
    return call.ok;
  });
  return unexpected;
}

// Every plan at level auto and admitted: the ladder and the guards are tested on their own.
const admitAll: Guard = { ladder: () => ({ level: async () => ({ level: 'auto', why: 'every plan is auto here' }) }), admit: async () => ({ ok: true, done: async () => undefined }) };

async function run(described: Described) {
  const escalations: Parameters<Escalate>[0][] = [];
  const escalate: Escalate = async (input) => {
    escalations.push(input);
    return { messageId: 'escalation-1', diagnostics: {} };
  };
  const [outcome] = parseInvocation(alarmEvent({ name: described.alarm }));
  const record = await respond(outcome, {
    settings: settingsForAlarm(described.alarm),
    remediations: REMEDIATION_REGISTRY,
    escalate,
    // Guardrails and the trust boundary are tested on their own; here every plan is admitted so apply runs.
    guard: admitAll,
    self: { account: ACCOUNT, region: 'us-east-1' },
    ...trusting(NOW).deps,
    ...echoOf(outcome),
  });
  return { record, escalations };
}

beforeEach(() => {
  retryPolicy.baseDelayMs = 0;
  // Each case is a new container: the health checkers' ranges are read again.
  forgetHealthCheckerRanges();
  updatePollPolicy.intervalMs = 0;
});

describe('fault injection', () => {
  it('describes every remediation of the registry, in enough cases', () => {
    expect(DESCRIBED.map((d) => d.id).sort()).toEqual(Object.keys(REMEDIATION_REGISTRY).sort());
    expect(cases.length).toBeGreaterThan(150);
  });

  it.each(DESCRIBED.map((d) => [d.id, d] as const))('%s: without faults, applies with exactly the calls described', async (_, described) => {
    const unexpected = fakeAws(described);
    const { record, escalations } = await run(described);
    expect(record).toMatchObject({ decision: 'applied' });
    expect(unexpected).toEqual([]);
    expect(new Set(sentCommands().map((c) => c.operation))).toEqual(new Set(described.calls.map((c) => c.operation)));
    expect(escalations).toHaveLength(0);
  });

  it.each(cases)('$name', async (c) => {
    const error = faultError(c.call, c.fault);
    const unexpected = fakeAws(c.described, { call: c.call, error, persists: c.persists });
    const want = expected(c);
    const { record, escalations } = await run(c.described);

    expect(unexpected).toEqual([]);
    const attempts = record.calls.filter((r) => r.service === c.call.service && r.operation === c.call.operation);
    expect(attempts.length).toBeGreaterThan(0);
    // The record lists every attempt, and none goes past the retry policy.
    expect(attempts.reduce((n, r) => n + r.attempts, 0)).toBe(timesSent(c.call.service, c.call.operation));
    for (const r of record.calls) expect(r.attempts).toBeLessThanOrEqual(retryPolicy.maxAttempts);
    const faulted = c.call.conflict?.recovery === 'reread' && c.fault === 'conflict' ? attempts.length : attempts[0]?.attempts;
    expect(faulted).toBe(want.sends);
    // A call that must not be repeated is sent at most once, unless AWS throttled it (and so did nothing).
    if (c.fault !== 'throttling') {
      for (const once of c.described.calls.filter((x) => x.kind === 'once')) expect(timesSent(once.service, once.operation)).toBeLessThanOrEqual(1);
    }

    expect(record.decision).toBe(want.decision);
    if (want.decision === 'failed') {
      expect(record.reasonCode).toBe(c.call.phase === 'plan' ? 'plan-failed' : 'apply-failed');
      expect(record.reason).toContain(error.name);
      expect(escalations).toHaveLength(1);
      expect(record.escalation).toMatchObject({ published: true, messageId: 'escalation-1' });
    } else {
      expect(escalations).toHaveLength(0);
    }
    // A plan only reads: a failure while planning has changed nothing.
    if (c.call.phase === 'plan' && want.decision === 'failed') expect(mutatingCommandsSent()).toEqual([]);
  });
});
