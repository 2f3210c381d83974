import { DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import type { RemediationContext, State } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { ecsClient } from '../../runtime/clients/ecs';

/** The ECS service as both ECS remediations see it, or why there is nothing to act on. */
export type EcsServiceLookup =
  | { readonly found: true; readonly service: Service; readonly before: State }
  | { readonly found: false; readonly reason: string; readonly before: State };

export function ecsResource(ctx: RemediationContext<'ecs'>): string {
  return `${ctx.target.props.cluster}/${ctx.target.props.service}`;
}

/**
 * DescribeServices reports a missing service in `failures` rather than as an error, so the
 * lookup turns it (and a DRAINING or INACTIVE service) into a reason instead of a throw.
 */
export async function describeEcsService(ctx: RemediationContext<'ecs'>): Promise<EcsServiceLookup> {
  const { cluster, service: serviceName } = ctx.target.props;
  const out = await awsCall(ctx.calls, 'ecs', 'DescribeServices', () =>
    ecsClient().send(new DescribeServicesCommand({ cluster, services: [serviceName] })),
    { mutating: false },
  );
  const service = out.services?.[0];
  if (!service) {
    const failure = out.failures?.[0];
    const why = failure ? `${failure.reason ?? 'unknown'}${failure.detail ? ` (${failure.detail})` : ''}` : 'not returned';
    return { found: false, reason: `ECS service ${serviceName} in cluster ${cluster} not found: ${why}`, before: {} };
  }
  const primary = service.deployments?.find((d) => d.status === 'PRIMARY');
  const before: State = {
    status: service.status ?? 'UNKNOWN',
    desiredCount: service.desiredCount ?? null,
    runningCount: service.runningCount ?? null,
    pendingCount: service.pendingCount ?? null,
    deploymentController: service.deploymentController?.type ?? 'ECS',
    taskDefinition: service.taskDefinition ?? null,
    primaryDeploymentId: primary?.id ?? null,
    primaryRolloutState: primary?.rolloutState ?? null,
  };
  if (service.status !== 'ACTIVE') {
    return { found: false, reason: `ECS service status is ${service.status ?? 'unknown'}, not ACTIVE`, before };
  }
  return { found: true, service, before };
}
