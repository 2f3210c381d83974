/**
 * What AWS would answer to the dry runs' reads in an example account (123456789012, the default
 * configuration's region) where every configured alarm is firing: for examples/state/default.json.
 */
import { loadConfig } from '../lib/config/load';
import { planDeployment } from '../lib/deployment';

const ACCOUNT = '123456789012';
const plan = planDeployment(loadConfig('config/default.json'));
const alarms = new Map(plan.systems.flatMap((s) => s.responders.flatMap((r) => r.alarms.map((a) => [a.name, a] as const))));

type Input = Record<string, unknown> | undefined;

function describeAlarm(input: Input, at: Date): unknown {
  const names = input?.AlarmNames;
  const name = Array.isArray(names) && typeof names[0] === 'string' ? names[0] : '';
  const alarm = alarms.get(name);
  if (!alarm) return { MetricAlarms: [] };
  const region = alarm.usEast1 ? 'us-east-1' : plan.config.region;
  const since = new Date(at.getTime() - 4 * 60_000);
  return {
    MetricAlarms: [
      {
        AlarmName: name,
        AlarmArn: `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`,
        StateValue: 'ALARM',
        StateReason: `Threshold Crossed: ${alarm.datapointsToAlarm} datapoints were ${alarm.comparison.replace(/Threshold$/, '').replace(/([A-Z])/g, ' $1').trim().toLowerCase()} the threshold (${alarm.threshold}).`,
        StateTransitionedTimestamp: since,
        StateUpdatedTimestamp: since,
        Threshold: alarm.threshold,
        ComparisonOperator: alarm.comparison,
        EvaluationPeriods: alarm.evaluationPeriods,
        DatapointsToAlarm: alarm.datapointsToAlarm,
        TreatMissingData: alarm.treatMissingData,
      },
    ],
  };
}

const str = (input: Input, key: string): string => {
  const v = input?.[key];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};
const UPDATED = new Date('2026-11-20T14:02:11.000Z');
const CODE_SHA = 'kM8H1oG3cV0Jp5bq0uZr6mJ1x4c2cU3t9ZQm2rW7h0Y=';
const SCALING = `arn:aws:apprunner:${plan.config.region}:${ACCOUNT}:autoscalingconfiguration/crm-scaling/1/4d8e7f0a1b2c3d4e5f60718293a4b5c6`;

/** The resources' state, by `service.Operation`: small, ordinary production settings. */
const READS: Readonly<Record<string, (input: Input) => unknown>> = {
  'lambda.GetFunctionConcurrency': () => ({ ReservedConcurrentExecutions: 50 }),
  // Version 7, what the aliases serve, was published an hour before the alarm: the rollback candidate is 6.
  'lambda.ListVersionsByFunction': (i) => ({
    Versions: [
      { FunctionName: str(i, 'FunctionName'), Version: '$LATEST', CodeSha256: CODE_SHA, LastModified: '2026-12-01T08:24:57.000+0000' },
      { FunctionName: str(i, 'FunctionName'), Version: '6', CodeSha256: 'Yc1bQ4tE0pO9sNq2mL7kJ3hG8fD6aS5zX4cV2bN1mQ0=', LastModified: '2026-11-18T16:40:03.000+0000' },
      { FunctionName: str(i, 'FunctionName'), Version: '7', CodeSha256: CODE_SHA, LastModified: '2026-12-01T08:24:57.000+0000' },
    ],
  }),
  'lambda.GetFunctionConfiguration': (i) => ({
    FunctionName: str(i, 'FunctionName'),
    FunctionArn: `arn:aws:lambda:${plan.config.region}:${ACCOUNT}:function:${str(i, 'FunctionName')}`,
    Runtime: 'nodejs22.x',
    MemorySize: 512,
    Timeout: 10,
    // An alias's configuration is its version's.
    Version: /^\d+$/.test(str(i, 'Qualifier')) ? str(i, 'Qualifier') : str(i, 'Qualifier') ? '7' : '$LATEST',
    CodeSha256: CODE_SHA,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    LastModified: '2026-11-20T14:02:11.000+0000',
  }),
  'lambda.GetAlias': (i) => ({
    Name: str(i, 'Name'),
    AliasArn: `arn:aws:lambda:${plan.config.region}:${ACCOUNT}:function:${str(i, 'FunctionName')}:${str(i, 'Name')}`,
    FunctionVersion: '7',
    RevisionId: '3f1c9a52-6d0e-4b8f-9c41-2a7e5d10b6c3',
  }),
  'lambda.GetProvisionedConcurrencyConfig': () => ({
    RequestedProvisionedConcurrentExecutions: 1,
    AllocatedProvisionedConcurrentExecutions: 1,
    AvailableProvisionedConcurrentExecutions: 1,
    Status: 'READY',
    LastModified: '2026-11-20T14:05:40+0000',
  }),
  'lambda.GetAccountSettings': () => ({
    AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 880, CodeSizeUnzipped: 262144000, CodeSizeZipped: 52428800, TotalCodeSize: 80530636800 },
    AccountUsage: { FunctionCount: 41, TotalCodeSize: 318767104 },
  }),
  'dynamodb.DescribeTable': (i) => ({
    Table: {
      TableName: str(i, 'TableName'),
      TableArn: `arn:aws:dynamodb:${plan.config.region}:${ACCOUNT}:table/${str(i, 'TableName')}`,
      TableStatus: 'ACTIVE',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 10, NumberOfDecreasesToday: 0 },
      ItemCount: 18342,
      TableSizeBytes: 7340032,
    },
  }),
  'cloudfront.GetDistribution': (i) => ({
    ETag: 'E2QWRUHAPOMQZL',
    Distribution: {
      Id: str(i, 'Id'),
      ARN: `arn:aws:cloudfront::${ACCOUNT}:distribution/${str(i, 'Id')}`,
      Status: 'Deployed',
      DomainName: 'd111111abcdef8.cloudfront.net',
      LastModifiedTime: UPDATED,
      InProgressInvalidationBatches: 0,
      DistributionConfig: { Enabled: true, CallerReference: 'healthhub-web', Comment: 'HealthHub web' },
    },
  }),
  'ecs.DescribeServices': (i) => ({
    services: [
      {
        serviceName: str(i, 'services'),
        clusterArn: `arn:aws:ecs:${plan.config.region}:${ACCOUNT}:cluster/${str(i, 'cluster')}`,
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 1,
        pendingCount: 0,
        launchType: 'FARGATE',
        taskDefinition: `arn:aws:ecs:${plan.config.region}:${ACCOUNT}:task-definition/${str(i, 'services')}:7`,
        deploymentController: { type: 'ECS' },
        deployments: [{ id: 'ecs-svc/4519820347', status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount: 2, runningCount: 1 }],
      },
    ],
    failures: [],
  }),
  'rds.DescribeDBInstances': (i) => ({
    DBInstances: [
      { DBInstanceIdentifier: str(i, 'DBInstanceIdentifier'), DBInstanceStatus: 'available', DBInstanceClass: 'db.t4g.medium', Engine: 'postgres', EngineVersion: '16.4', MultiAZ: false },
    ],
  }),
  'elasticache.DescribeCacheClusters': (i) => ({
    CacheClusters: [
      {
        CacheClusterId: str(i, 'CacheClusterId'),
        CacheClusterStatus: 'available',
        CacheNodeType: 'cache.t4g.small',
        Engine: 'redis',
        EngineVersion: '7.1',
        NumCacheNodes: 1,
        CacheNodes: [{ CacheNodeId: '0001', CacheNodeStatus: 'available' }],
      },
    ],
  }),
  'apprunner.DescribeService': (i) => ({
    Service: {
      ServiceName: 'telehealth-crm-api',
      ServiceId: '8fe1e10304f84fd2b0df550fe98a71fa',
      ServiceArn: str(i, 'ServiceArn'),
      ServiceUrl: 'xk2f7p9abc.us-east-1.awsapprunner.com',
      Status: 'RUNNING',
      CreatedAt: new Date('2025-06-02T10:00:00.000Z'),
      UpdatedAt: UPDATED,
      SourceConfiguration: {},
      InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
      AutoScalingConfigurationSummary: { AutoScalingConfigurationArn: SCALING, AutoScalingConfigurationName: 'crm-scaling', AutoScalingConfigurationRevision: 1 },
      NetworkConfiguration: {},
    },
  }),
  'apprunner.DescribeAutoScalingConfiguration': (i) => ({
    AutoScalingConfiguration: {
      AutoScalingConfigurationArn: str(i, 'AutoScalingConfigurationArn'),
      AutoScalingConfigurationName: 'crm-scaling',
      AutoScalingConfigurationRevision: 1,
      MaxConcurrency: 100,
      MinSize: 1,
      MaxSize: 4,
      Status: 'ACTIVE',
      Latest: true,
    },
  }),
};

/** The answer to one read; a read this account has no answer for is a ResourceNotFoundException, as AWS would say. */
export function answer(service: string, operation: string, input: Input, at: Date): unknown {
  if (service === 'cloudwatch' && operation === 'DescribeAlarms') return describeAlarm(input, at);
  const read = READS[`${service}.${operation}`];
  if (!read) throw Object.assign(new Error(`example account: no ${service}.${operation} answer`), { name: 'ResourceNotFoundException' });
  return read(input);
}
