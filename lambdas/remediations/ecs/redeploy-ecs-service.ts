import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { object, str } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { ecsClient } from '../../runtime/clients/ecs';
import { describeEcsService, ecsResource } from './ecs-service';

export const redeployEcsService = defineRemediation({
  id: 'redeploy-ecs-service',
  targetType: 'ecs',
  params: object({ cluster: str(), service: str() }),

  async plan(ctx) {
    const base = { remediation: 'redeploy-ecs-service', resource: ecsResource(ctx) } as const;
    const lookup = await describeEcsService(ctx);
    if (!lookup.found) return { ...base, kind: 'no-op', before: lookup.before, reason: lookup.reason };
    const { service, before } = lookup;

    const controller = service.deploymentController?.type ?? 'ECS';
    if (controller !== 'ECS') {
      return {
        ...base,
        kind: 'no-op',
        before,
        notApplicable: true,
        reason: `ECS does not accept forceNewDeployment for services under the ${controller} deployment controller`,
      };
    }
    if (service.deployments?.some((d) => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS')) {
      return { ...base, kind: 'no-op', before, reason: 'a deployment is already rolling out' };
    }
    // A service scaled to zero on purpose also has no running tasks; a new deployment would start none.
    if (service.desiredCount === 0) {
      return { ...base, kind: 'no-op', before, reason: 'desired count is 0: a new deployment would start no tasks' };
    }
    const { cluster, service: serviceName } = ctx.target.props;
    return {
      ...base,
      kind: 'change',
      summary: `force a new deployment of ECS service ${serviceName} in cluster ${cluster}`,
      before,
      after: { newDeployment: true },
      params: { cluster, service: serviceName },
    };
  },

  async apply({ cluster, service }, ctx) {
    // Not idempotent: every successful call starts one more deployment.
    const out = await awsCall(ctx.calls, 'ecs', 'UpdateService', () =>
      ecsClient().send(new UpdateServiceCommand({ cluster, service, forceNewDeployment: true })),
      { mutating: true, idempotent: false },
    );
    const primary = out.service?.deployments?.find((d) => d.status === 'PRIMARY');
    const deploymentId = primary?.id ?? null;
    return {
      after: { deploymentId, rolloutState: primary?.rolloutState ?? null },
      summary: `started deployment ${deploymentId ?? '(id not returned)'} of ${cluster}/${service}`,
    };
  },
});
