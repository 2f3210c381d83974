import {
  AppRunnerClient,
  CreateAutoScalingConfigurationCommand,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-apprunner';
import { mockClient } from 'aws-sdk-client-mock';
import { raiseApprunnerMaxSize } from '../../../../lambdas/remediations/appRunner/raise-apprunner-max-size';
import { ParamsError } from '../../../../lambdas/core/params';
import type { AppliedAction } from '../../../../lambdas/core/undo';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { APP_RUNNER_SERVICE_ARN, appRunnerTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { appliedAction, freshCalls, inputsOf } from '../applied';
import { applyUndo, planUndo } from '../../../../lambdas/core/run';
import { applyChange } from '../apply-within-applies';

const appRunnerMock = mockClient(AppRunnerClient);
const ctx = () => serviceContext(appRunnerTarget(), 'high-latency');
const revision = (n: number) => `arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/crm-scaling/${n}/rev${n}`;
const [V1, V2, V3] = [revision(1), revision(2), revision(3)];

function givenService(configArn: string, status: Service['Status'] = 'RUNNING') {
  appRunnerMock.on(DescribeServiceCommand, { ServiceArn: APP_RUNNER_SERVICE_ARN }).resolves({
    Service: {
      ServiceName: 'telehealth-crm-api',
      ServiceId: '0123456789abcdef0123456789abcdef',
      ServiceArn: APP_RUNNER_SERVICE_ARN,
      Status: status,
      CreatedAt: new Date('2025-01-01T00:00:00Z'),
      UpdatedAt: new Date('2025-01-01T00:00:00Z'),
      SourceConfiguration: {},
      InstanceConfiguration: {},
      AutoScalingConfigurationSummary: { AutoScalingConfigurationArn: configArn, AutoScalingConfigurationName: 'crm-scaling' },
      NetworkConfiguration: {},
    },
  });
}

function givenRevision(arn: string, maxSize: number, status: 'ACTIVE' | 'INACTIVE' = 'ACTIVE') {
  appRunnerMock.on(DescribeAutoScalingConfigurationCommand, { AutoScalingConfigurationArn: arn }).resolves({
    AutoScalingConfiguration: { AutoScalingConfigurationArn: arn, AutoScalingConfigurationName: 'crm-scaling', MaxSize: maxSize, MinSize: 2, MaxConcurrency: 80, Status: status },
  });
}

/** Raises MaxSize from 10 to 15 as the responder would: revision 2 replaces revision 1. */
async function raised(): Promise<AppliedAction> {
  givenService(V1);
  givenRevision(V1, 10);
  appRunnerMock.on(CreateAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: { AutoScalingConfigurationArn: V2 } });
  appRunnerMock.on(UpdateServiceCommand).resolves({ OperationId: 'op-1', Service: undefined });
  const c = ctx();
  const plan = expectChange(await raiseApprunnerMaxSize.plan(c));
  const action = appliedAction(plan, await applyChange(raiseApprunnerMaxSize, plan, c));
  appRunnerMock.reset();
  return action;
}

beforeEach(() => {
  appRunnerMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('raise-apprunner-max-size undo', () => {
  it('points the service back at the earlier revision, reading only, and apply updates exactly that', async () => {
    const action = await raised();
    givenService(V2);
    givenRevision(V1, 10);
    const c = freshCalls(ctx());

    const plan = expectChange(await planUndo(raiseApprunnerMaxSize, action, c));

    expect(plan.summary).toBe(`undo: point ${APP_RUNNER_SERVICE_ARN} back from ${V2} to the earlier revision ${V1} (MaxSize 10)`);
    expect(plan.after).toEqual({ autoScalingConfigurationArn: V1, maxSize: 10 });
    expectOnlyReads(c);
    expect(appRunnerMock).not.toHaveReceivedCommand(UpdateServiceCommand);
    expect(appRunnerMock).not.toHaveReceivedCommand(CreateAutoScalingConfigurationCommand);

    appRunnerMock.on(UpdateServiceCommand).resolves({ OperationId: 'op-2', Service: undefined });
    const result = await applyUndo(raiseApprunnerMaxSize, plan, c);
    expect(inputsOf(appRunnerMock.commandCalls(UpdateServiceCommand))).toEqual([{ ServiceArn: APP_RUNNER_SERVICE_ARN, AutoScalingConfigurationArn: V1 }]);
    expect(result.after).toEqual({ autoScalingConfigurationArn: V1, status: null });
  });

  it('refuses when the service moved on to another revision since', async () => {
    const action = await raised();
    givenService(V3);
    const c = freshCalls(ctx());

    const plan = expectNoOp(await planUndo(raiseApprunnerMaxSize, action, c));

    expect(plan.reason).toContain(`is now ${V3}, not the ${V2} the action left`);
    expectOnlyReads(c);
  });

  it('plans nothing when the service is already back on the earlier revision', async () => {
    const action = await raised();
    givenService(V1);

    const plan = expectNoOp(await planUndo(raiseApprunnerMaxSize, action, freshCalls(ctx())));

    expect(plan.reason).toContain(`is already back at ${V1}, its value before the action`);
  });

  it('waits while an operation runs on the service', async () => {
    const action = await raised();
    givenService(V2, 'OPERATION_IN_PROGRESS');

    const plan = expectNoOp(await planUndo(raiseApprunnerMaxSize, action, freshCalls(ctx())));

    expect(plan.reason).toBe('an operation is in progress on the App Runner service: the service cannot be updated now, try again later');
  });

  it('plans nothing when the earlier revision was deleted since', async () => {
    const action = await raised();
    givenService(V2);
    givenRevision(V1, 10, 'INACTIVE');

    const plan = expectNoOp(await planUndo(raiseApprunnerMaxSize, action, freshCalls(ctx())));

    expect(plan.reason).toContain(`the earlier revision ${V1} is INACTIVE, not ACTIVE`);
  });

  it("fails on a record that holds only the plan's after (no revision ARN)", async () => {
    const action = await raised();

    await expect(planUndo(raiseApprunnerMaxSize, { ...action, after: { maxSize: 15 } }, freshCalls(ctx()))).rejects.toThrow(ParamsError);
  });
});
