import type { RemediationId } from './remediations';

/** What a remediation changes, as a CloudFormation template says it: the resource type and its properties. */
export interface TemplateProperties {
  /** The CloudFormation resource type whose properties the fix changes, e.g. `AWS::Lambda::Function`. */
  readonly resourceType: string;
  readonly properties: readonly string[];
  /**
   * `tagged`: the properties are the tagged resource's own (the function, the service, the table);
   * `alias`: they are the Lambda alias's, a resource of its own in the same stack.
   */
  readonly on: 'tagged' | 'alias';
}

/**
 * Which template properties each remediation changes (null: it changes no property, e.g. a reboot
 * or a forced redeployment): where the target is a stack's, the record says that the next
 * deployment of that stack puts the template's value back (drift). Keyed by every remediation, so
 * a new one does not compile without its entry. Property names: the CloudFormation Template
 * Reference (AWS::Lambda::Function MemorySize, Timeout, ReservedConcurrentExecutions;
 * AWS::Lambda::Alias FunctionVersion, ProvisionedConcurrencyConfig; AWS::DynamoDB::Table
 * BillingMode; AWS::ECS::Service DesiredCount; AWS::AppRunner::Service
 * AutoScalingConfigurationArn; AWS::WAFv2::IPSet Addresses).
 */
export const TEMPLATE_PROPERTIES: { readonly [R in RemediationId]: TemplateProperties | null } = {
  'raise-provisioned-concurrency': { resourceType: 'AWS::Lambda::Alias', properties: ['ProvisionedConcurrencyConfig'], on: 'alias' },
  'raise-reserved-concurrency': { resourceType: 'AWS::Lambda::Function', properties: ['ReservedConcurrentExecutions'], on: 'tagged' },
  'double-lambda-memory': { resourceType: 'AWS::Lambda::Function', properties: ['MemorySize'], on: 'tagged' },
  'double-lambda-timeout': { resourceType: 'AWS::Lambda::Function', properties: ['Timeout'], on: 'tagged' },
  'rollback-lambda-alias': { resourceType: 'AWS::Lambda::Alias', properties: ['FunctionVersion'], on: 'alias' },
  'switch-dynamodb-on-demand': { resourceType: 'AWS::DynamoDB::Table', properties: ['BillingMode', 'ProvisionedThroughput'], on: 'tagged' },
  'redeploy-ecs-service': null,
  'scale-out-ecs-service': { resourceType: 'AWS::ECS::Service', properties: ['DesiredCount'], on: 'tagged' },
  'redeploy-apprunner-service': null,
  'raise-apprunner-max-size': { resourceType: 'AWS::AppRunner::Service', properties: ['AutoScalingConfigurationArn'], on: 'tagged' },
  'reboot-rds-instance': null,
  'reboot-elasticache-cluster': null,
  'invalidate-cloudfront': null,
  'block-source-ips': { resourceType: 'AWS::WAFv2::IPSet', properties: ['Addresses'], on: 'tagged' },
};
