/** A system with resources of every type, with and without each optional prop that changes the metric an alarm watches. */
export const VARIANTS = {
  id: 'variants',
  resources: {
    lambda: [{ name: 'plain-fn' }, { name: 'aliased-fn', alias: 'live' }],
    dynamodb: [{ name: 'some-table' }],
    ecs: [
      { cluster: 'c1', service: 'without-insights' },
      { cluster: 'c1', service: 'with-insights', containerInsights: true },
    ],
    appRunner: [{ name: 'web-svc', serviceId: '0123456789abcdef0123456789abcdef' }],
    rds: [{ instanceId: 'db-one', maxConnections: 100 }],
    elastiCache: [{ clusterId: 'cache-one' }],
    cloudFront: [{ distributionId: 'E2ABCDEF123456' }],
    apiGateway: [{ name: 'whole-api' }, { name: 'staged-api', stage: 'prod' }],
    healthCheck: [{ id: 'health', url: 'https://example.com/health' }],
    bedrock: [{ id: 'every-model' }, { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', id: 'one-model' }],
    snsTopic: [{ name: 'notifications' }],
    logGroup: [{ id: 'audit', logGroupName: '/variants/audit', alert: 'auth-failures' }],
    billing: [{ id: 'on', billingAlerts: true }, { id: 'off' }],
  },
};
