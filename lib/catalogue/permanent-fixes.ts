import type { RemediationId } from './remediations';

/**
 * What makes a remediation's fix permanent, for a person: the setting of the resource's own
 * template or code to change so that the alarm stops needing it. The recurrence brake's
 * escalation says it; the alert reference lists it. Keyed by the union: a missing one does not compile.
 */
export const PERMANENT_FIXES: { readonly [R in RemediationId]: string } = {
  'raise-provisioned-concurrency': "raise the alias's provisioned concurrency in its template (AWS::Lambda::Alias ProvisionedConcurrencyConfig; CDK: alias provisionedConcurrentExecutions)",
  'raise-reserved-concurrency': "raise the function's reserved concurrency in its template (AWS::Lambda::Function ReservedConcurrentExecutions; CDK: reservedConcurrentExecutions)",
  'double-lambda-memory': "raise the function's memory in its template (AWS::Lambda::Function MemorySize; CDK: memorySize), or profile what uses it",
  'double-lambda-timeout': "raise the function's timeout in its template (AWS::Lambda::Function Timeout; CDK: timeout), or find the slow dependency",
  'rollback-lambda-alias': 'fix or revert the release in the code and deploy it through the pipeline, so that the alias is not moved back by hand again',
  'switch-dynamodb-on-demand': "set the table's billing mode to PAY_PER_REQUEST in its template (AWS::DynamoDB::Table BillingMode; CDK: billing), or raise its provisioned capacity and auto scaling",
  'redeploy-ecs-service': "find why tasks degrade (memory leak, stuck connections) in the service's code, or add a container health check to the task definition",
  'scale-out-ecs-service': "raise the service's desired count or its auto-scaling minimum in its template (AWS::ECS::Service DesiredCount; Application Auto Scaling MinCapacity)",
  'redeploy-apprunner-service': "find why instances degrade in the service's code, or tune its health check in its template (AWS::AppRunner::Service HealthCheckConfiguration)",
  'raise-apprunner-max-size': "raise MaxSize of the service's auto-scaling configuration in its template (AWS::AppRunner::AutoScalingConfiguration MaxSize)",
  'reboot-rds-instance': 'find what exhausts the instance (connections, memory) in the application, add a connection pool or RDS Proxy, or move to a larger instance class in its template (DBInstanceClass)',
  'reboot-elasticache-cluster': "find what exhausts the cluster in the application, or move to a larger node type in its template (AWS::ElastiCache::CacheCluster CacheNodeType)",
  'invalidate-cloudfront': "set cache behaviours with shorter TTLs or versioned object names in the distribution's template (CacheBehaviors, cache policies), so that releases need no invalidation",
  'block-source-ips': "add a rate-based rule or a managed rule group to the web ACL in its template (AWS::WAFv2::WebACL Rules), so that such sources are blocked without a person",
};
