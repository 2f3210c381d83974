import { DescribeServiceCommand, type Service } from '@aws-sdk/client-apprunner';
import type { RemediationContext, State } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { apprunnerClient } from '../../runtime/clients/apprunner';

/** The App Runner service as both App Runner remediations see it, or why not to act on it now. */
export type AppRunnerLookup =
  | { readonly ready: true; readonly service: Service; readonly before: State }
  | { readonly ready: false; readonly reason: string; readonly before: State };

/** App Runner rejects a new operation while one runs, and only a RUNNING service can be changed. */
export async function describeRunningService(ctx: RemediationContext<'appRunner'>, serviceArn: string): Promise<AppRunnerLookup> {
  const { Service: service } = await awsCall(ctx.calls, 'apprunner', 'DescribeService', () =>
    apprunnerClient().send(new DescribeServiceCommand({ ServiceArn: serviceArn })),
    { mutating: false },
  );
  const status = service?.Status ?? 'UNKNOWN';
  const before: State = {
    status,
    serviceUrl: service?.ServiceUrl ?? null,
    autoScalingConfigurationArn: service?.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn ?? null,
  };
  if (!service || status !== 'RUNNING') {
    const reason =
      status === 'OPERATION_IN_PROGRESS'
        ? 'an operation is in progress on the App Runner service'
        : `App Runner service status is ${status}, not RUNNING`;
    return { ready: false, reason, before };
  }
  return { ready: true, service, before };
}
