import { DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import type { ContextBudget, ContextProbe } from '../../core/context';
import { ecsClient } from '../../runtime/clients/ecs';

/**
 * The service with its tags: DescribeServices with `include: ['TAGS']` returns them
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html, "include").
 * One call (cached for the invocation) serves both the owning stack and the rollout.
 */
function describe(budget: ContextBudget, cluster: string, service: string): Promise<Service | undefined> {
  return budget
    .read({ service: 'ecs', operation: 'DescribeServices', key: `ecs:DescribeServices:${cluster}/${service}:TAGS` }, (abortSignal) =>
      ecsClient().send(new DescribeServicesCommand({ cluster, services: [service], include: ['TAGS'] }), { abortSignal }),
    )
    .then((out) => out.services?.[0]);
}

const iso = (d: Date | undefined) => (d === undefined ? undefined : d.toISOString());

/** What ECS's own read-only API tells before acting (issue 14): the service's tags, and a deployment rolling out. */
export const contextProbe: ContextProbe = {
  ecs: {
    async tags({ props: { cluster, service } }, _where, budget) {
      const found = await describe(budget, cluster, service);
      return new Map((found?.tags ?? []).flatMap((t) => (t.key === undefined ? [] : [[t.key, t.value ?? ''] as const])));
    },
    /**
     * The primary deployment's rolloutState IN_PROGRESS, or more than one deployment (old tasks
     * still draining), with or without the circuit breaker or the deployment alarms that roll it
     * back natively (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html).
     */
    async rollout({ key, props: { cluster, service } }, budget) {
      const deployments = (await describe(budget, cluster, service))?.deployments ?? [];
      const primary = deployments.find((d) => d.status === 'PRIMARY');
      if (primary?.rolloutState !== 'IN_PROGRESS' && deployments.length <= 1) return undefined;
      const what =
        `ECS deployment ${primary?.id ?? '(no primary)'} of ${cluster}/${service} to ${primary?.taskDefinition ?? 'an unknown task definition'} ` +
        `(rollout ${primary?.rolloutState ?? 'unknown'}, ${deployments.length} deployments)`;
      const since = iso(primary?.createdAt);
      return since === undefined ? { resource: key, kind: 'ecs-rollout', what } : { resource: key, kind: 'ecs-rollout', what, since };
    },
  },
};
