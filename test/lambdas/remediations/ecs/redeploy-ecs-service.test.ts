import { DescribeServicesCommand, ECSClient, UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { redeployEcsService } from '../../../../lambdas/remediations/ecs/redeploy-ecs-service';
import { awsError, ecsTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const ecsMock = mockClient(ECSClient);

function n8n(overrides: Partial<Service> = {}): Service {
  return {
    serviceName: 'n8n',
    status: 'ACTIVE',
    desiredCount: 1,
    runningCount: 0,
    pendingCount: 0,
    taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n:7',
    deploymentController: { type: 'ECS' },
    deployments: [{ id: 'ecs-svc/1111', status: 'PRIMARY', rolloutState: 'COMPLETED' }],
    ...overrides,
  };
}

const ctx = () => serviceContext(ecsTarget(), 'ecs-service-down');

beforeEach(() => {
  ecsMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('redeploy-ecs-service plan', () => {
  it('plans a forced deployment of rung-prod/n8n without changing anything', async () => {
    ecsMock.on(DescribeServicesCommand, { cluster: 'rung-prod', services: ['n8n'] }).resolves({ services: [n8n()] });
    const c = ctx();
    const plan = expectChange(await redeployEcsService.plan(c));
    expect(plan.resource).toBe('rung-prod/n8n');
    expect(plan.params).toEqual({ cluster: 'rung-prod', service: 'n8n' });
    expect(plan.before).toEqual({
      status: 'ACTIVE',
      desiredCount: 1,
      runningCount: 0,
      pendingCount: 0,
      deploymentController: 'ECS',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/n8n:7',
      primaryDeploymentId: 'ecs-svc/1111',
      primaryRolloutState: 'COMPLETED',
    });
    expectOnlyReads(c);
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });

  it('does nothing when ECS reports the service missing', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/rung-prod/n8n', reason: 'MISSING' }],
    });
    const plan = expectNoOp(await redeployEcsService.plan(ctx()));
    expect(plan.reason).toBe('ECS service n8n in cluster rung-prod not found: MISSING');
  });

  it('does nothing when the service is not ACTIVE', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n({ status: 'DRAINING' })] });
    expect(expectNoOp(await redeployEcsService.plan(ctx())).reason).toBe('ECS service status is DRAINING, not ACTIVE');
  });

  it.each(['CODE_DEPLOY', 'EXTERNAL'] as const)('refuses a service under the %s deployment controller', async (type) => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n({ deploymentController: { type } })] });
    const plan = expectNoOp(await redeployEcsService.plan(ctx()));
    expect(plan.reason).toBe(`ECS does not accept forceNewDeployment for services under the ${type} deployment controller`);
    expect(plan.notApplicable).toBe(true);
  });

  it('does nothing while a deployment is rolling out', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        n8n({
          deployments: [
            { id: 'ecs-svc/2222', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' },
            { id: 'ecs-svc/1111', status: 'ACTIVE', rolloutState: 'COMPLETED' },
          ],
        }),
      ],
    });
    expect(expectNoOp(await redeployEcsService.plan(ctx())).reason).toBe('a deployment is already rolling out');
  });

  it('does nothing for a service scaled to zero', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n({ desiredCount: 0 })] });
    expect(expectNoOp(await redeployEcsService.plan(ctx())).reason).toContain('desired count is 0');
  });
});

describe('redeploy-ecs-service apply', () => {
  it('forces a new deployment and reports the new primary deployment', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n()] });
    ecsMock.on(UpdateServiceCommand).resolves({
      service: n8n({
        deployments: [
          { id: 'ecs-svc/3333', status: 'PRIMARY', rolloutState: 'IN_PROGRESS' },
          { id: 'ecs-svc/1111', status: 'ACTIVE', rolloutState: 'COMPLETED' },
        ],
      }),
    });
    const c = ctx();
    const result = await applyChange(redeployEcsService, expectChange(await redeployEcsService.plan(c)), c);
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, { cluster: 'rung-prod', service: 'n8n', forceNewDeployment: true });
    expect(result.after).toEqual({ deploymentId: 'ecs-svc/3333', rolloutState: 'IN_PROGRESS' });
    expect(c.calls[1]).toEqual({ service: 'ecs', operation: 'UpdateService', mutating: true, ok: true, attempts: 1 });
  });

  it('retries a throttled UpdateService: AWS refused it before starting a deployment', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n()] });
    ecsMock.on(UpdateServiceCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ service: n8n() });
    const c = ctx();
    const plan = expectChange(await redeployEcsService.plan(c));
    await applyChange(redeployEcsService, plan, c);
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 2);
  });

  it('does not retry an UpdateService that timed out, since a repeat could start a second deployment', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n()] });
    ecsMock.on(UpdateServiceCommand).rejects(awsError('TimeoutError'));
    const c = ctx();
    const plan = expectChange(await redeployEcsService.plan(c));
    await expect(applyChange(redeployEcsService, plan, c)).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
  });

  it('retries a throttled DescribeServices', async () => {
    ecsMock.on(DescribeServicesCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ services: [n8n()] });
    const c = ctx();
    expectChange(await redeployEcsService.plan(c));
    expect(c.calls).toEqual([{ service: 'ecs', operation: 'DescribeServices', mutating: false, ok: true, attempts: 2 }]);
  });

  it('fails when DescribeServices is denied, recording the failed call', async () => {
    ecsMock.on(DescribeServicesCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    await expect(redeployEcsService.plan(c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls).toEqual([
      expect.objectContaining({ operation: 'DescribeServices', ok: false, attempts: 1, error: expect.stringContaining('AccessDeniedException') }),
    ]);
  });
});
