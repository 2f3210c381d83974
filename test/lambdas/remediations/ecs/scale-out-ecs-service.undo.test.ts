import { DescribeServicesCommand, ECSClient, UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { scaleOutEcsService } from '../../../../lambdas/remediations/ecs/scale-out-ecs-service';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { ecsTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const ecsMock = mockClient(ECSClient);
const ctx = () => serviceContext(ecsTarget(), 'high-cpu');

const n8n = (desiredCount: number, status = 'ACTIVE'): Service => ({
  serviceName: 'n8n',
  status,
  desiredCount,
  runningCount: desiredCount,
  deploymentController: { type: 'ECS' },
  deployments: [{ id: 'ecs-svc/1111', status: 'PRIMARY', rolloutState: 'COMPLETED' }],
});

const givenService = (service: Service) => ecsMock.on(DescribeServicesCommand, { cluster: 'rung-prod', services: ['n8n'] }).resolves({ services: [service] });

/** Scales n8n out from 2 to 3 as the responder would. */
async function scaledOut(): Promise<AppliedAction> {
  givenService(n8n(2));
  ecsMock.on(UpdateServiceCommand).resolves({ service: n8n(3) });
  const c = ctx();
  const plan = expectChange(await scaleOutEcsService.plan(c));
  const action = appliedAction(plan, await applyChange(scaleOutEcsService, plan, c));
  ecsMock.reset();
  return action;
}

beforeEach(() => {
  ecsMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('scale-out-ecs-service undo', () => {
  it('plans the earlier desired count back, reading only, and apply updates exactly that', async () => {
    const action = await scaledOut();
    givenService(n8n(3));
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(scaleOutEcsService, action, c));

    expect(plan.resource).toBe('rung-prod/n8n');
    expect(plan.summary).toBe('undo: lower desired count of ECS service n8n from 3 back to 2');
    expect(plan.before).toMatchObject({ desiredCount: 3, status: 'ACTIVE' });
    expect(plan.after).toEqual({ desiredCount: 2 });
    expectOnlyReads(c);

    ecsMock.on(UpdateServiceCommand).resolves({ service: n8n(2) });
    const result = await applyUndo(scaleOutEcsService, plan, c);
    expect(inputsOf(ecsMock.commandCalls(UpdateServiceCommand))).toEqual([{ cluster: 'rung-prod', service: 'n8n', desiredCount: 2 }]);
    expect(result.after).toEqual({ desiredCount: 2 });
  });

  it('refuses when the count moved on since (an autoscaler or a person)', async () => {
    const action = await scaledOut();
    givenService(n8n(5));
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(scaleOutEcsService, action, c));

    expect(plan.reason).toContain('desired count of ECS service n8n is now 5, not the 3 the action left');
    expectOnlyReads(c);
  });

  it('plans nothing when already back at the earlier count', async () => {
    const action = await scaledOut();
    givenService(n8n(2));

    const plan = expectNoOp(await planUndo(scaleOutEcsService, action, freshCalls(ctx())));

    expect(plan.reason).toBe('desired count of ECS service n8n is already back at 2, its value before the action: nothing to undo');
  });

  it('plans nothing for a service that is no longer ACTIVE', async () => {
    const action = await scaledOut();
    givenService(n8n(3, 'DRAINING'));

    const plan = expectNoOp(await planUndo(scaleOutEcsService, action, freshCalls(ctx())));

    expect(plan.reason).toBe('ECS service status is DRAINING, not ACTIVE');
  });

  it('acts on the service the record names, even if the configuration moved the target since', async () => {
    const action = await scaledOut();
    givenService(n8n(3));
    const moved = freshCalls(serviceContext(ecsTarget({ props: { cluster: 'other', service: 'other' } }), 'high-cpu'));

    expectChange(await planUndo(scaleOutEcsService, action, moved));

    expect(ecsMock).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: 'rung-prod', services: ['n8n'] });
  });
});
