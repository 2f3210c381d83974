import { DescribeServicesCommand, ECSClient, UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { scaleOutEcsService } from '../../../../lambdas/remediations/ecs/scale-out-ecs-service';
import { awsError, ecsTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const ecsMock = mockClient(ECSClient);

const n8n = (overrides: Partial<Service> = {}): Service => ({
  serviceName: 'n8n',
  status: 'ACTIVE',
  desiredCount: 2,
  runningCount: 2,
  deploymentController: { type: 'ECS' },
  deployments: [{ id: 'ecs-svc/1111', status: 'PRIMARY', rolloutState: 'COMPLETED' }],
  ...overrides,
});

beforeEach(() => {
  ecsMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('scale-out-ecs-service plan', () => {
  it('plans desired count + 1 without changing anything', async () => {
    ecsMock.on(DescribeServicesCommand, { cluster: 'rung-prod', services: ['n8n'] }).resolves({ services: [n8n()] });
    const c = serviceContext(ecsTarget(), 'high-cpu');
    const plan = expectChange(await scaleOutEcsService.plan(c));
    expect(plan.before).toMatchObject({ desiredCount: 2, runningCount: 2 });
    expect(plan.after).toEqual({ desiredCount: 3 });
    expect(plan.params).toEqual({ cluster: 'rung-prod', service: 'n8n', desiredCount: 3 });
    expectOnlyReads(c);
    expect(ecsMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });

  it('stops at the cap', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n({ desiredCount: 4 })] });
    const plan = expectNoOp(await scaleOutEcsService.plan(serviceContext(ecsTarget({ caps: { maxDesiredCount: 4 } }), 'high-cpu')));
    expect(plan.reason).toBe('desired count 4 is already at or above the cap of 4');
  });

  it('raises to exactly the cap from one below it', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n({ desiredCount: 9 })] });
    const plan = expectChange(await scaleOutEcsService.plan(serviceContext(ecsTarget(), 'high-cpu')));
    expect(plan.params.desiredCount).toBe(10);
  });

  it('scales a service under the CODE_DEPLOY controller, which accepts desired count', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n({ deploymentController: { type: 'CODE_DEPLOY' } })] });
    expect(expectChange(await scaleOutEcsService.plan(serviceContext(ecsTarget(), 'high-cpu'))).params.desiredCount).toBe(3);
  });

  it('does nothing when the service is missing or inactive', async () => {
    ecsMock.on(DescribeServicesCommand).resolvesOnce({ failures: [{ reason: 'MISSING' }] }).resolves({ services: [n8n({ status: 'INACTIVE' })] });
    expect(expectNoOp(await scaleOutEcsService.plan(serviceContext(ecsTarget(), 'high-cpu'))).reason).toContain('not found: MISSING');
    expect(expectNoOp(await scaleOutEcsService.plan(serviceContext(ecsTarget(), 'high-cpu'))).reason).toBe('ECS service status is INACTIVE, not ACTIVE');
  });
});

describe('scale-out-ecs-service apply', () => {
  it('sets the absolute desired count', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n()] });
    ecsMock.on(UpdateServiceCommand).resolves({ service: n8n({ desiredCount: 3 }) });
    const c = serviceContext(ecsTarget(), 'high-cpu');
    const result = await applyChange(scaleOutEcsService, expectChange(await scaleOutEcsService.plan(c)), c);
    expect(ecsMock).toHaveReceivedCommandWith(UpdateServiceCommand, { cluster: 'rung-prod', service: 'n8n', desiredCount: 3 });
    expect(ecsMock.commandCalls(UpdateServiceCommand)[0]?.args[0].input.forceNewDeployment).toBeUndefined();
    expect(result.after).toEqual({ desiredCount: 3 });
  });

  it('retries a throttled UpdateService, since the count is absolute', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n()] });
    ecsMock.on(UpdateServiceCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ service: n8n({ desiredCount: 3 }) });
    const c = serviceContext(ecsTarget(), 'high-cpu');
    await applyChange(scaleOutEcsService, expectChange(await scaleOutEcsService.plan(c)), c);
    expect(ecsMock).toHaveReceivedCommandTimes(UpdateServiceCommand, 2);
    expect(c.calls[1]).toEqual({ service: 'ecs', operation: 'UpdateService', mutating: true, ok: true, attempts: 2 });
  });

  it('fails when UpdateService is denied, recording the failed call', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [n8n()] });
    ecsMock.on(UpdateServiceCommand).rejects(awsError('AccessDeniedException'));
    const c = serviceContext(ecsTarget(), 'high-cpu');
    const plan = expectChange(await scaleOutEcsService.plan(c));
    await expect(applyChange(scaleOutEcsService, plan, c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls[1]).toMatchObject({ operation: 'UpdateService', mutating: true, ok: false });
  });
});
