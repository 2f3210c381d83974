import { DescribeCacheClustersCommand, RebootCacheClusterCommand } from '@aws-sdk/client-elasticache';
import { object, str, strList } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { elasticacheClient } from '../../runtime/clients/elasticache';

/** Guarded (see the catalogue): a reboot empties the cache on every rebooted node. */
export const rebootElasticacheCluster = defineRemediation({
  id: 'reboot-elasticache-cluster',
  targetType: 'elastiCache',
  params: object({ clusterId: str(), nodeIds: strList() }),

  async plan(ctx) {
    const clusterId = ctx.target.props.clusterId;
    const base = { remediation: 'reboot-elasticache-cluster', resource: clusterId } as const;
    const out = await awsCall(ctx.calls, 'elasticache', 'DescribeCacheClusters', () =>
      elasticacheClient().send(new DescribeCacheClustersCommand({ CacheClusterId: clusterId, ShowCacheNodeInfo: true })),
      { mutating: false },
    );
    const cluster = out.CacheClusters?.[0];
    const status = cluster?.CacheClusterStatus ?? 'unknown';
    const nodeIds = (cluster?.CacheNodes ?? []).flatMap((n) => (n.CacheNodeId ? [n.CacheNodeId] : []));
    const before: State = {
      status,
      engine: cluster?.Engine ?? null,
      engineVersion: cluster?.EngineVersion ?? null,
      replicationGroupId: cluster?.ReplicationGroupId ?? null,
      nodeIds,
    };
    if (status !== 'available') {
      return { ...base, kind: 'no-op', before, reason: `cache cluster status is ${status}; a reboot needs it to be available` };
    }
    if (nodeIds.length === 0) {
      return { ...base, kind: 'no-op', before, reason: 'DescribeCacheClusters listed no cache nodes to reboot' };
    }
    return {
      ...base,
      kind: 'change',
      summary: `reboot ${nodeIds.length} node(s) of cache cluster ${clusterId}: ${nodeIds.join(', ')}`,
      before,
      after: { status: 'rebooting cache cluster nodes' },
      params: { clusterId, nodeIds },
    };
  },

  async apply({ clusterId, nodeIds }, ctx) {
    // Not idempotent: each call reboots the nodes again.
    const out = await awsCall(ctx.calls, 'elasticache', 'RebootCacheCluster', () =>
      elasticacheClient().send(new RebootCacheClusterCommand({ CacheClusterId: clusterId, CacheNodeIdsToReboot: nodeIds })),
      { mutating: true, idempotent: false },
    );
    const status = out.CacheCluster?.CacheClusterStatus ?? null;
    return { after: { status, nodeIds }, summary: `reboot of ${nodeIds.length} node(s) of ${clusterId} started` };
  },
});
