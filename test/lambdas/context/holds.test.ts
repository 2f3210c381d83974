/**
 * Issue 14: what surrounds a target, read before acting. Through `respond` with the real context
 * reads against aws-sdk-client-mock: a deployment in progress holds the action, a slow context
 * read never delays the fix past its budget, and a CloudFormation-managed target's record says how
 * to make the fix permanent.
 */
import { contextReads, type StartTimer } from '../../../lambdas/context';
import type { Escalate } from '../../../lambdas/escalation/escalate-alarm';
import type { Guard } from '../../../lambdas/guardrails/guard';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond } from '../../../lambdas/pipeline/respond';
import { CONTEXT_PROBES, REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import { mutatingCommandsSent, resetAllClients, sentCommands, type SentCommand } from '../../helpers/all-clients-mock';
import { alarmEvent } from '../../helpers/alarm-event';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';

const NOW = new Date('2026-11-23T03:20:00.000Z');
const THROTTLES = 'ar-rung-lambda-throttles-rung-api-prod';
const ECS_CPU = 'ar-rung-high-cpu-n8n';
const admitAll: Guard = { admit: async () => ({ ok: true, done: async () => undefined }) };

/** The lambda answers a throttled function with a reservation of 50 needs (raise-reserved-concurrency). */
function lambdaAnswers(c: SentCommand): unknown {
  if (c.operation === 'GetFunctionConcurrency') return { ReservedConcurrentExecutions: 50 };
  if (c.operation === 'GetAccountSettings') return { AccountLimit: { UnreservedConcurrentExecutions: 900 } };
  if (c.operation === 'PutFunctionConcurrency') return { ReservedConcurrentExecutions: 60 };
  if (c.operation === 'GetAlias') return { FunctionVersion: '7' };
  return {};
}

const OWNED = { 'aws:cloudformation:stack-name': 'rung-api', 'aws:cloudformation:logical-id': 'ApiFunction1A2B3C' };
const N8N = { serviceName: 'n8n', status: 'ACTIVE', desiredCount: 1, runningCount: 1, deploymentController: { type: 'ECS' } };

async function run(alarm: string, fake: (c: SentCommand) => unknown, startTimer?: StartTimer) {
  resetAllClients(fake);
  const escalations: Parameters<Escalate>[0][] = [];
  const escalate: Escalate = async (input) => {
    escalations.push(input);
    return { messageId: 'escalation-1', diagnostics: {} };
  };
  const [outcome] = parseInvocation(alarmEvent({ name: alarm }));
  const settings = settingsForAlarm(alarm);
  const trust = trusting(NOW);
  const record = await respond(outcome, {
    settings,
    remediations: REMEDIATION_REGISTRY,
    escalate,
    guard: admitAll,
    self: { account: ACCOUNT, region: 'us-east-1' },
    context: contextReads(settings.context, CONTEXT_PROBES, startTimer),
    ...trust.deps,
    ...echoOf(outcome),
  });
  return { record, escalations, scheduled: trust.scheduled };
}

describe('a deployment in progress holds the action (deploying), re-checked after it', () => {
  test('the owning stack in UPDATE_IN_PROGRESS: planned, nothing changed, the re-check scheduled with what deploys', async () => {
    const { record, scheduled, escalations } = await run(THROTTLES, (c) => {
      if (c.operation === 'ListTags') return { Tags: OWNED };
      if (c.operation === 'DescribeStacks') return { Stacks: [{ StackName: 'rung-api', StackStatus: 'UPDATE_IN_PROGRESS', CreationTime: new Date('2026-11-01T00:00:00Z'), LastUpdatedTime: new Date('2026-11-23T03:15:00Z') }] };
      return lambdaAnswers(c);
    });
    expect(mutatingCommandsSent()).toEqual([]);
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'deploying' });
    expect(record.actions).toMatchObject([{ remediation: 'raise-reserved-concurrency', decision: 'planned', reason: expect.stringContaining('CloudFormation stack rung-api (UPDATE_IN_PROGRESS)') }]);
    expect(record.context?.deployments).toEqual([
      { resource: 'rung-api-prod', kind: 'stack', what: 'CloudFormation stack rung-api (UPDATE_IN_PROGRESS), which owns ApiFunction1A2B3C', since: '2026-11-23T03:15:00.000Z' },
    ]);
    // Re-checked after the deployment's expected end (deploymentRecheckMinutes): the verifier escalates if it still fires.
    expect(scheduled).toEqual([expect.objectContaining({ recordId: record.recordId, hold: expect.stringContaining('UPDATE_IN_PROGRESS') })]);
    expect(escalations).toEqual([]);
    // The guards and the breach confirmation come after the context: nothing of them was asked.
    expect(sentCommands().map((c) => c.operation)).not.toContain('PutFunctionConcurrency');
  });

  test('an ECS deployment rolling out (rolloutState IN_PROGRESS, two deployments): planned, not scaled', async () => {
    const rolling = {
      ...N8N,
      deployments: [
        { id: 'ecs-svc/2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n:8', createdAt: new Date('2026-11-23T03:10:00Z') },
        { id: 'ecs-svc/1', status: 'ACTIVE', rolloutState: 'COMPLETED', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n:7' },
      ],
    };
    const { record } = await run(ECS_CPU, (c) => (c.operation === 'DescribeServices' ? { services: [rolling] } : {}));
    expect(mutatingCommandsSent()).toEqual([]);
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'deploying' });
    expect(record.context?.deployments).toEqual([
      expect.objectContaining({ kind: 'ecs-rollout', what: expect.stringContaining('ECS deployment ecs-svc/2 of rung-prod/n8n to arn:aws:ecs:us-east-1:123456789012:task-definition/n8n:8 (rollout IN_PROGRESS, 2 deployments)') }),
    ]);
    // The tags came with the same DescribeServices (include TAGS).
    expect(sentCommands().filter((c) => c.operation === 'DescribeServices').map((c) => c.input)).toContainEqual(expect.objectContaining({ include: ['TAGS'] }));
  });

  test('an ECS service at rest (one deployment, COMPLETED) holds nothing: scaled out', async () => {
    const atRest = { ...N8N, deployments: [{ id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED' }] };
    const { record } = await run(ECS_CPU, (c) => (c.operation === 'DescribeServices' ? { services: [atRest] } : c.operation === 'UpdateService' ? { service: { desiredCount: 2 } } : {}));
    expect(record).toMatchObject({ decision: 'applied', context: { deployments: [] } });
    expect(mutatingCommandsSent()).toEqual(['ecs:UpdateService']);
  });

  test('a Lambda alias shifting traffic (AdditionalVersionWeights, as CodeDeploy does): planned, not raised', async () => {
    const { record } = await run(THROTTLES, (c) => (c.operation === 'GetAlias' ? { FunctionVersion: '7', RoutingConfig: { AdditionalVersionWeights: { '8': 0.1 } } } : lambdaAnswers(c)));
    expect(mutatingCommandsSent()).toEqual([]);
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'deploying' });
    expect(record.context?.deployments).toEqual([{ resource: 'rung-api-prod', kind: 'alias-shift', what: 'alias rung-api-prod:prod shifting traffic from version 7 (10% to version 8)' }]);
  });
});

describe('the time budget: a context read that never answers never blocks the fix', () => {
  test('CloudTrail hangs: the budget runs out, the fix applies, the record says context unavailable and why', async () => {
    let expire: (() => void) | undefined;
    let stopped = 0;
    const startTimer: StartTimer = (ms, onExpire) => {
      expect(ms).toBe(2000);
      expire = onExpire;
      return () => (stopped += 1);
    };
    const { record } = await run(
      THROTTLES,
      (c) => {
        if (c.operation !== 'LookupEvents') return lambdaAnswers(c);
        // The budget runs out while CloudTrail has not answered (and never will).
        setImmediate(() => expire?.());
        return new Promise(() => undefined);
      },
      startTimer,
    );
    expect(record).toMatchObject({ decision: 'applied', reasonCode: 'applied' });
    expect(mutatingCommandsSent()).toEqual(['lambda:PutFunctionConcurrency']);
    expect(record.context?.unavailable).toEqual(['context unavailable: recent changes of rung-api-prod (budget of 2000 ms spent)']);
    expect(record.reason).toContain('(context unavailable: recent changes of rung-api-prod (budget of 2000 ms spent); decided on the alarm alone)');
    expect(record.calls).toContainEqual(expect.objectContaining({ service: 'cloudtrail', operation: 'LookupEvents', ok: false, error: expect.stringContaining('ContextBudgetSpentError') }));
    // Nothing left pending: the clock was stopped when the record was finished.
    expect(stopped).toBe(1);
  });
});

describe('drift: a CloudFormation-managed function', () => {
  test('the record names the stack and logical resource, the property the fix changed, and that the next deployment reverts it', async () => {
    const { record } = await run(THROTTLES, (c) => {
      if (c.operation === 'ListTags') return { Tags: OWNED };
      if (c.operation === 'DescribeStacks') return { Stacks: [{ StackName: 'rung-api', StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date('2026-11-01T00:00:00Z') }] };
      return lambdaAnswers(c);
    });
    expect(record).toMatchObject({ decision: 'applied' });
    expect(record.context?.drift).toEqual([
      {
        resource: 'rung-api-prod',
        stack: 'rung-api',
        logicalId: 'ApiFunction1A2B3C',
        resourceType: 'AWS::Lambda::Function',
        properties: ['ReservedConcurrentExecutions'],
        text:
          'rung-api-prod belongs to CloudFormation stack rung-api (AWS::Lambda::Function ApiFunction1A2B3C). raise-reserved-concurrency changes ReservedConcurrentExecutions outside the template: ' +
          "the next deployment of rung-api that updates ApiFunction1A2B3C sets it back to the template's value unless the template changes. " +
          'To make the fix permanent, set ReservedConcurrentExecutions in the template of rung-api.',
      },
    ]);
  });

  test('a function of no stack (no aws:cloudformation tags) has no drift note', async () => {
    const { record } = await run(THROTTLES, lambdaAnswers);
    expect(record).toMatchObject({ decision: 'applied', context: { drift: [], unavailable: [] } });
    expect(sentCommands().map((c) => c.operation)).not.toContain('DescribeStacks');
  });
});
