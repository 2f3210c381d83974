import { ArnFormat, type Stack } from 'aws-cdk-lib';
import type { Target, TargetProps } from '../../catalogue';

/** The service of an IAM action: `lambda:GetAlias` → `lambda`. */
export function actionService(action: string): string {
  return action.slice(0, action.indexOf(':'));
}

/** CloudWatch Logs authorizes some actions on `log-group:NAME` and others on its streams (`:*`): grant both. */
export function logGroupArns(logGroupName: string, stack: Stack, region: string): string[] {
  const arn = stack.formatArn({ service: 'logs', region, resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return [arn, `${arn}:*`];
}

function noMapping(target: Target, action: string): Error {
  return new Error(`No IAM resource mapping for ${action} on ${target.type} target "${target.key}" (system ${target.system}); add one to targetArns.`);
}

/**
 * The ARNs an action of a remediation may touch on one target: what least privilege means for
 * each target type. Pure and deterministic (same inputs, same strings), so statements that share
 * resources can be merged. `region` is where the configuration says the resources are.
 */
export function targetArns(target: Target, action: string, stack: Stack, region: string): string[] {
  const service = actionService(action);
  const arn = (resource: string, resourceName: string, format = ArnFormat.SLASH_RESOURCE_NAME, r = region) =>
    stack.formatArn({ service, region: r, resource, resourceName, arnFormat: format });
  switch (`${target.type}/${service}`) {
    case 'lambda/lambda': {
      const { name } = target.props as TargetProps<'lambda'>;
      // The qualified form covers the alias (or version) provisioned concurrency and rollbacks act on.
      const fn = arn('function', name, ArnFormat.COLON_RESOURCE_NAME);
      return [fn, `${fn}:*`];
    }
    case 'dynamodb/dynamodb':
      return [arn('table', (target.props as TargetProps<'dynamodb'>).name)];
    case 'ecs/ecs': {
      const { cluster, service: ecsService } = target.props as TargetProps<'ecs'>;
      return [arn('service', `${cluster}/${ecsService}`)];
    }
    case 'appRunner/apprunner': {
      const { name, serviceId } = target.props as TargetProps<'appRunner'>;
      // A new revision's ARN ends in a generated id, and the configuration's name is read from the
      // service at run time: auto-scaling configurations can only be granted by pattern.
      if (action.includes('AutoScalingConfiguration')) return [arn('autoscalingconfiguration', '*')];
      return [arn('service', `${name}/${serviceId}`)];
    }
    case 'rds/rds':
      return [arn('db', (target.props as TargetProps<'rds'>).instanceId, ArnFormat.COLON_RESOURCE_NAME)];
    case 'elastiCache/elasticache':
      return [arn('cluster', (target.props as TargetProps<'elastiCache'>).clusterId, ArnFormat.COLON_RESOURCE_NAME)];
    case 'cloudFront/cloudfront':
      // CloudFront is global: its ARNs have no region.
      return [arn('distribution', (target.props as TargetProps<'cloudFront'>).distributionId, ArnFormat.SLASH_RESOURCE_NAME, '')];
    case 'logGroup/wafv2': {
      const ipSet = (target.props as TargetProps<'logGroup'>).wafIpSet;
      if (!ipSet) return [];
      // CLOUDFRONT-scoped web ACLs and their IP sets live in us-east-1 under `global/`.
      return ipSet.scope === 'CLOUDFRONT'
        ? [arn('global', `ipset/${ipSet.name}/${ipSet.id}`, ArnFormat.SLASH_RESOURCE_NAME, 'us-east-1')]
        : [arn('regional', `ipset/${ipSet.name}/${ipSet.id}`)];
    }
    case 'logGroup/logs':
      return logGroupArns((target.props as TargetProps<'logGroup'>).logGroupName, stack, region);
    default:
      throw noMapping(target, action);
  }
}
