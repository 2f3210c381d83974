import {
  AppRunnerClient,
  CreateAutoScalingConfigurationCommand,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  UpdateServiceCommand,
  type Service,
} from '@aws-sdk/client-apprunner';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { raiseApprunnerMaxSize } from '../../../../lambdas/remediations/appRunner/raise-apprunner-max-size';
import { APP_RUNNER_SERVICE_ARN, appRunnerTarget, awsError, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const appRunnerMock = mockClient(AppRunnerClient);
const CONFIG_V1 = 'arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/crm-scaling/1/aaaa';
const CONFIG_V2 = 'arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/crm-scaling/2/bbbb';

const service = (overrides: Partial<Service> = {}): Service => ({
  ServiceName: 'telehealth-crm-api',
  ServiceId: '0123456789abcdef0123456789abcdef',
  ServiceArn: APP_RUNNER_SERVICE_ARN,
  Status: 'RUNNING',
  CreatedAt: new Date('2025-01-01T00:00:00Z'),
  UpdatedAt: new Date('2025-01-01T00:00:00Z'),
  SourceConfiguration: {},
  InstanceConfiguration: {},
  AutoScalingConfigurationSummary: { AutoScalingConfigurationArn: CONFIG_V1, AutoScalingConfigurationName: 'crm-scaling' },
  NetworkConfiguration: {},
  ...overrides,
});

function givenConfig(maxSize: number) {
  appRunnerMock.on(DescribeServiceCommand, { ServiceArn: APP_RUNNER_SERVICE_ARN }).resolves({ Service: service() });
  appRunnerMock.on(DescribeAutoScalingConfigurationCommand, { AutoScalingConfigurationArn: CONFIG_V1 }).resolves({
    AutoScalingConfiguration: { AutoScalingConfigurationArn: CONFIG_V1, AutoScalingConfigurationName: 'crm-scaling', MaxSize: maxSize, MinSize: 2, MaxConcurrency: 80 },
  });
}

const ctx = (maxAppRunnerMaxSize = 25) => serviceContext(appRunnerTarget({ caps: { maxAppRunnerMaxSize } }), 'high-latency');

beforeEach(() => {
  appRunnerMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('raise-apprunner-max-size plan', () => {
  it('plans MaxSize + step as a new revision of the same configuration, without changing anything', async () => {
    givenConfig(10);
    const c = ctx();
    const plan = expectChange(await raiseApprunnerMaxSize.plan(c));
    expect(plan.before).toMatchObject({ maxSize: 10, minSize: 2, maxConcurrency: 80, autoScalingConfigurationArn: CONFIG_V1 });
    expect(plan.after).toEqual({ maxSize: 15 });
    expect(plan.params).toEqual({ serviceArn: APP_RUNNER_SERVICE_ARN, autoScalingConfigurationName: 'crm-scaling', minSize: 2, maxConcurrency: 80, maxSize: 15 });
    expectOnlyReads(c);
    expect(appRunnerMock).not.toHaveReceivedCommand(CreateAutoScalingConfigurationCommand);
    expect(appRunnerMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });

  it('stops the raise at the cap', async () => {
    givenConfig(22);
    expect(expectChange(await raiseApprunnerMaxSize.plan(ctx())).params.maxSize).toBe(25);
  });

  it('does nothing at the cap', async () => {
    givenConfig(25);
    const plan = expectNoOp(await raiseApprunnerMaxSize.plan(ctx()));
    expect(plan.reason).toBe('auto-scaling MaxSize 25 is already at or above the cap of 25');
    expect(appRunnerMock).toHaveReceivedCommandTimes(DescribeAutoScalingConfigurationCommand, 1);
  });

  // IAM grants CreateAutoScalingConfiguration on the configured name's revisions only.
  it('plans nothing, before reading the configuration, when no auto-scaling configuration is configured', async () => {
    givenConfig(10);
    const c = serviceContext(appRunnerTarget({ props: { autoScalingConfiguration: undefined } }), 'high-latency');
    const plan = expectNoOp(await raiseApprunnerMaxSize.plan(c));
    expect(plan.reason).toBe('no autoScalingConfiguration is configured for telehealth-crm-api: the responder may create revisions only of a configuration the configuration names');
    expect(appRunnerMock).not.toHaveReceivedCommand(DescribeAutoScalingConfigurationCommand);
  });

  it('plans nothing when the service uses another auto-scaling configuration than the configured one', async () => {
    givenConfig(10);
    const c = serviceContext(appRunnerTarget({ props: { autoScalingConfiguration: 'other-scaling' } }), 'high-latency');
    expect(expectNoOp(await raiseApprunnerMaxSize.plan(c)).reason).toBe(
      'the service uses the auto-scaling configuration crm-scaling, not the configured other-scaling: the responder may create revisions of other-scaling only',
    );
    expect(appRunnerMock).not.toHaveReceivedCommand(DescribeAutoScalingConfigurationCommand);
  });

  it('does nothing while an operation is in progress', async () => {
    appRunnerMock.on(DescribeServiceCommand).resolves({ Service: service({ Status: 'OPERATION_IN_PROGRESS' }) });
    expect(expectNoOp(await raiseApprunnerMaxSize.plan(ctx())).reason).toBe('an operation is in progress on the App Runner service');
    expect(appRunnerMock).not.toHaveReceivedCommand(DescribeAutoScalingConfigurationCommand);
  });

  it('retries a throttled DescribeAutoScalingConfiguration', async () => {
    givenConfig(10);
    appRunnerMock
      .on(DescribeAutoScalingConfigurationCommand)
      .rejectsOnce(awsError('ThrottlingException'))
      .resolves({ AutoScalingConfiguration: { AutoScalingConfigurationName: 'crm-scaling', MaxSize: 10, MinSize: 2, MaxConcurrency: 80 } });
    const c = ctx();
    expectChange(await raiseApprunnerMaxSize.plan(c));
    expect(c.calls[1]).toMatchObject({ operation: 'DescribeAutoScalingConfiguration', ok: true, attempts: 2 });
  });
});

describe('raise-apprunner-max-size apply', () => {
  it('creates the revision with the same name, concurrency and min size, then points the service at it', async () => {
    givenConfig(10);
    appRunnerMock.on(CreateAutoScalingConfigurationCommand).resolves({
      AutoScalingConfiguration: { AutoScalingConfigurationArn: CONFIG_V2, AutoScalingConfigurationName: 'crm-scaling', MaxSize: 15 },
    });
    appRunnerMock.on(UpdateServiceCommand).resolves({ Service: service({ Status: 'OPERATION_IN_PROGRESS' }), OperationId: 'op-7' });
    const c = ctx();
    const result = await applyChange(raiseApprunnerMaxSize, expectChange(await raiseApprunnerMaxSize.plan(c)), c);
    expect(appRunnerMock).toHaveReceivedCommandWith(CreateAutoScalingConfigurationCommand, {
      AutoScalingConfigurationName: 'crm-scaling',
      MaxConcurrency: 80,
      MinSize: 2,
      MaxSize: 15,
    });
    expect(appRunnerMock).toHaveReceivedCommandWith(UpdateServiceCommand, { ServiceArn: APP_RUNNER_SERVICE_ARN, AutoScalingConfigurationArn: CONFIG_V2 });
    expect(result.after).toEqual({ maxSize: 15, autoScalingConfigurationArn: CONFIG_V2 });
    expect(c.calls.slice(2).map((x) => [x.operation, x.mutating])).toEqual([['CreateAutoScalingConfiguration', true], ['UpdateService', true]]);
  });

  it('fails without updating the service when the new revision has no ARN', async () => {
    givenConfig(10);
    appRunnerMock.on(CreateAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: undefined });
    const c = ctx();
    const plan = expectChange(await raiseApprunnerMaxSize.plan(c));
    await expect(applyChange(raiseApprunnerMaxSize, plan, c)).rejects.toMatchObject({ name: 'AutoScalingRevisionError' });
    expect(appRunnerMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });

  it('fails when CreateAutoScalingConfiguration is denied, recording the failed call', async () => {
    givenConfig(10);
    appRunnerMock.on(CreateAutoScalingConfigurationCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    const plan = expectChange(await raiseApprunnerMaxSize.plan(c));
    await expect(applyChange(raiseApprunnerMaxSize, plan, c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls[2]).toMatchObject({ operation: 'CreateAutoScalingConfiguration', mutating: true, ok: false, attempts: 1 });
    expect(appRunnerMock).not.toHaveReceivedCommand(UpdateServiceCommand);
  });
});
