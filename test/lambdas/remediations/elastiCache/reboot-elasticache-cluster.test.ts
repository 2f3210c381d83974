import { DescribeCacheClustersCommand, ElastiCacheClient, RebootCacheClusterCommand, type CacheCluster } from '@aws-sdk/client-elasticache';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { rebootElasticacheCluster } from '../../../../lambdas/remediations/elastiCache/reboot-elasticache-cluster';
import { awsError, elastiCacheTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const cacheMock = mockClient(ElastiCacheClient);

const cluster = (overrides: Partial<CacheCluster> = {}): CacheCluster => ({
  CacheClusterId: 'telehealth-crm-redis',
  CacheClusterStatus: 'available',
  Engine: 'redis',
  EngineVersion: '7.1',
  CacheNodes: [{ CacheNodeId: '0001' }, { CacheNodeId: '0002' }],
  ...overrides,
});

const ctx = () => serviceContext(elastiCacheTarget(), 'redis-connection-failed');

beforeEach(() => {
  cacheMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('reboot-elasticache-cluster plan', () => {
  it('plans a reboot of every node, asking for node info, without changing anything', async () => {
    cacheMock.on(DescribeCacheClustersCommand, { CacheClusterId: 'telehealth-crm-redis', ShowCacheNodeInfo: true }).resolves({ CacheClusters: [cluster()] });
    const c = ctx();
    const plan = expectChange(await rebootElasticacheCluster.plan(c));
    expect(plan.params).toEqual({ clusterId: 'telehealth-crm-redis', nodeIds: ['0001', '0002'] });
    expect(plan.before).toEqual({ status: 'available', engine: 'redis', engineVersion: '7.1', replicationGroupId: null, nodeIds: ['0001', '0002'] });
    expectOnlyReads(c);
    expect(cacheMock).not.toHaveReceivedCommand(RebootCacheClusterCommand);
  });

  it('does nothing unless the cluster is available, naming the status', async () => {
    cacheMock.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster({ CacheClusterStatus: 'rebooting cache cluster nodes' })] });
    expect(expectNoOp(await rebootElasticacheCluster.plan(ctx())).reason).toBe(
      'cache cluster status is rebooting cache cluster nodes; a reboot needs it to be available',
    );
  });

  it('does nothing when no cache nodes are listed', async () => {
    cacheMock.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster({ CacheNodes: [] })] });
    expect(expectNoOp(await rebootElasticacheCluster.plan(ctx())).reason).toBe('DescribeCacheClusters listed no cache nodes to reboot');
  });

  it('retries a throttled DescribeCacheClusters', async () => {
    cacheMock.on(DescribeCacheClustersCommand).rejectsOnce(awsError('Throttling')).resolves({ CacheClusters: [cluster()] });
    const c = ctx();
    expectChange(await rebootElasticacheCluster.plan(c));
    expect(c.calls[0]).toMatchObject({ operation: 'DescribeCacheClusters', ok: true, attempts: 2 });
  });
});

describe('reboot-elasticache-cluster apply', () => {
  it('reboots exactly the planned nodes, once', async () => {
    cacheMock.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster()] });
    cacheMock.on(RebootCacheClusterCommand).resolves({ CacheCluster: cluster({ CacheClusterStatus: 'rebooting cache cluster nodes' }) });
    const c = ctx();
    const result = await applyChange(rebootElasticacheCluster, expectChange(await rebootElasticacheCluster.plan(c)), c);
    expect(cacheMock).toHaveReceivedCommandTimes(RebootCacheClusterCommand, 1);
    expect(cacheMock).toHaveReceivedCommandWith(RebootCacheClusterCommand, { CacheClusterId: 'telehealth-crm-redis', CacheNodeIdsToReboot: ['0001', '0002'] });
    expect(result.after).toEqual({ status: 'rebooting cache cluster nodes', nodeIds: ['0001', '0002'] });
    expect(c.calls[1]).toEqual({ service: 'elasticache', operation: 'RebootCacheCluster', mutating: true, ok: true, attempts: 1 });
  });

  it('fails when the reboot is denied, recording the failed call', async () => {
    cacheMock.on(DescribeCacheClustersCommand).resolves({ CacheClusters: [cluster()] });
    cacheMock.on(RebootCacheClusterCommand).rejects(awsError('AccessDeniedException'));
    const c = ctx();
    const plan = expectChange(await rebootElasticacheCluster.plan(c));
    await expect(applyChange(rebootElasticacheCluster, plan, c)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(c.calls[1]).toMatchObject({ operation: 'RebootCacheCluster', mutating: true, ok: false, attempts: 1 });
  });
});
