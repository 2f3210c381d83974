import { AppRunnerClient, DescribeServiceCommand, StartDeploymentCommand, type Service } from '@aws-sdk/client-apprunner';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { redeployApprunnerService } from '../../../../lambdas/remediations/appRunner/redeploy-apprunner-service';
import { APP_RUNNER_SERVICE_ARN, appRunnerTarget, awsError, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const appRunnerMock = mockClient(AppRunnerClient);

const service = (overrides: Partial<Service> = {}): Service => ({
  ServiceName: 'telehealth-crm-api',
  ServiceId: '0123456789abcdef0123456789abcdef',
  ServiceArn: APP_RUNNER_SERVICE_ARN,
  ServiceUrl: 'abc123.us-east-1.awsapprunner.com',
  Status: 'RUNNING',
  CreatedAt: new Date('2025-01-01T00:00:00Z'),
  UpdatedAt: new Date('2025-01-01T00:00:00Z'),
  SourceConfiguration: {},
  InstanceConfiguration: {},
  AutoScalingConfigurationSummary: { AutoScalingConfigurationArn: 'arn:aws:apprunner:us-east-1:123456789012:autoscalingconfiguration/crm-scaling/1/abc' },
  NetworkConfiguration: {},
  ...overrides,
});

const ctx = () => serviceContext(appRunnerTarget(), 'api-down');

beforeEach(() => {
  appRunnerMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('redeploy-apprunner-service plan', () => {
  it('plans a deployment of the RUNNING service by ARN without changing anything', async () => {
    appRunnerMock.on(DescribeServiceCommand, { ServiceArn: APP_RUNNER_SERVICE_ARN }).resolves({ Service: service() });
    const c = ctx();
    const plan = expectChange(await redeployApprunnerService.plan(c));
    expect(plan.resource).toBe(APP_RUNNER_SERVICE_ARN);
    expect(plan.params).toEqual({ serviceArn: APP_RUNNER_SERVICE_ARN });
    expect(plan.before).toMatchObject({ status: 'RUNNING', serviceUrl: 'abc123.us-east-1.awsapprunner.com' });
    expectOnlyReads(c);
    expect(appRunnerMock).not.toHaveReceivedCommand(StartDeploymentCommand);
  });

  it('does nothing while an operation is in progress', async () => {
    appRunnerMock.on(DescribeServiceCommand).resolves({ Service: service({ Status: 'OPERATION_IN_PROGRESS' }) });
    expect(expectNoOp(await redeployApprunnerService.plan(ctx())).reason).toBe('an operation is in progress on the App Runner service');
  });

  it('does nothing for a paused service, naming its status', async () => {
    appRunnerMock.on(DescribeServiceCommand).resolves({ Service: service({ Status: 'PAUSED' }) });
    expect(expectNoOp(await redeployApprunnerService.plan(ctx())).reason).toBe('App Runner service status is PAUSED, not RUNNING');
  });

  it('retries a DescribeService that failed with a server error', async () => {
    appRunnerMock.on(DescribeServiceCommand).rejectsOnce(awsError('InternalServiceErrorException', 500)).resolves({ Service: service() });
    const c = ctx();
    expectChange(await redeployApprunnerService.plan(c));
    expect(c.calls[0]).toMatchObject({ operation: 'DescribeService', ok: true, attempts: 2 });
  });

  it('fails when DescribeService is denied, recording the failed call', async () => {
    appRunnerMock.on(DescribeServiceCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    await expect(redeployApprunnerService.plan(c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls).toEqual([expect.objectContaining({ operation: 'DescribeService', mutating: false, ok: false, attempts: 1 })]);
  });
});

describe('redeploy-apprunner-service apply', () => {
  it('starts a deployment and reports its operation id', async () => {
    appRunnerMock.on(DescribeServiceCommand).resolves({ Service: service() });
    appRunnerMock.on(StartDeploymentCommand).resolves({ OperationId: 'op-42' });
    const c = ctx();
    const result = await applyChange(redeployApprunnerService, expectChange(await redeployApprunnerService.plan(c)), c);
    expect(appRunnerMock).toHaveReceivedCommandWith(StartDeploymentCommand, { ServiceArn: APP_RUNNER_SERVICE_ARN });
    expect(result.after).toEqual({ operationId: 'op-42' });
    expect(c.calls[1]).toEqual({ service: 'apprunner', operation: 'StartDeployment', mutating: true, ok: true, attempts: 1 });
  });

  it('retries a throttled StartDeployment: AWS refused it before starting anything', async () => {
    appRunnerMock.on(DescribeServiceCommand).resolves({ Service: service() });
    appRunnerMock.on(StartDeploymentCommand).rejectsOnce(awsError('ThrottlingException')).resolves({ OperationId: 'op-2' });
    const c = ctx();
    const plan = expectChange(await redeployApprunnerService.plan(c));
    await applyChange(redeployApprunnerService, plan, c);
    expect(appRunnerMock).toHaveReceivedCommandTimes(StartDeploymentCommand, 2);
  });

  it('does not retry a StartDeployment that failed with a server error, since a repeat could start a second deployment', async () => {
    appRunnerMock.on(DescribeServiceCommand).resolves({ Service: service() });
    appRunnerMock.on(StartDeploymentCommand).rejects(Object.assign(awsError('InternalServiceErrorException'), { $metadata: { httpStatusCode: 500 } }));
    const c = ctx();
    const plan = expectChange(await redeployApprunnerService.plan(c));
    await expect(applyChange(redeployApprunnerService, plan, c)).rejects.toMatchObject({ name: 'InternalServiceErrorException' });
    expect(appRunnerMock).toHaveReceivedCommandTimes(StartDeploymentCommand, 1);
  });
});
