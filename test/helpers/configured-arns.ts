import type { Template } from 'aws-cdk-lib/assertions';

/**
 * The ARNs a configuration names, derived from its JSON by AWS's own ARN formats (Service
 * Authorization Reference, "Resource types defined by ..."), not by the app's code: what a
 * mutating grant may name. Account and partition stay as the template leaves them.
 */

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const str = (v: Json, what: string): string => {
  if (typeof v !== 'string') throw new Error(`${what}: expected a string, received ${JSON.stringify(v)}`);
  return v;
};

/** How the rendered templates name the pseudo parameters. */
export const ACCOUNT = '<account>';
export const PARTITION = 'aws';

/** A template value rendered: joins joined, pseudo parameters named, any other reference as `<ref>`. */
export function renderValue(value: Json, region: string): string {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return JSON.stringify(value);
  const join = value['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map((p: Json) => renderValue(p, region)).join(String(join[0]));
  if (value.Ref === 'AWS::Partition') return PARTITION;
  if (value.Ref === 'AWS::AccountId') return ACCOUNT;
  if (value.Ref === 'AWS::Region') return region;
  // A resource of the deployment itself (a Ref, GetAtt or cross-stack import): not a wildcard.
  return '<ref>';
}

/** Every (action, resource) pair of the identity policies of a template: inline, managed and role policies. */
export function identityGrants(template: Template, region: string): Array<{ readonly action: string; readonly resource: string }> {
  const json = template.toJSON() as { Resources?: Record<string, { Type: string; Properties?: Record<string, Json> }> };
  const documents: Json[] = [];
  for (const r of Object.values(json.Resources ?? {})) {
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') documents.push(r.Properties?.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') documents.push(...asArray(r.Properties?.Policies).map((p) => (isRecord(p) ? p.PolicyDocument : undefined)));
  }
  return documents.flatMap((doc) =>
    asArray(isRecord(doc) ? doc.Statement : undefined).flatMap((s) => {
      if (!isRecord(s) || s.Effect !== 'Allow') return [];
      const resources = asArray(s.Resource).map((r) => renderValue(r, region));
      return asArray(s.Action).flatMap((a) => resources.map((resource) => ({ action: str(a, 'Action'), resource })));
    }),
  );
}

/** The ARNs a configuration file names: its targets' resources, and the log groups its alarms read. */
export function configuredArns(config: Json): Set<string> {
  if (!isRecord(config)) throw new Error('config: expected an object');
  const region = str(config.region ?? 'us-east-1', 'region');
  const account = typeof config.account === 'string' ? config.account : ACCOUNT;
  const arn = (service: string, rest: string, r = region) => `arn:${PARTITION}:${service}:${r}:${account}:${rest}`;
  const out = new Set<string>();
  const logGroup = (name: string) => [arn('logs', `log-group:${name}`), arn('logs', `log-group:${name}:*`)].forEach((a) => out.add(a));
  for (const system of asArray(config.systems)) {
    if (!isRecord(system) || !isRecord(system.resources)) continue;
    const res = system.resources;
    for (const t of asArray(res.lambda).filter(isRecord)) {
      const name = str(t.name, 'lambda.name');
      out.add(arn('lambda', `function:${name}`));
      if (typeof t.alias === 'string') out.add(arn('lambda', `function:${name}:${t.alias}`));
      // Lambda's own log group name unless the configuration names another.
      logGroup(typeof t.logGroupName === 'string' ? t.logGroupName : `/aws/lambda/${name}`);
    }
    for (const t of asArray(res.dynamodb).filter(isRecord)) out.add(arn('dynamodb', `table/${str(t.name, 'dynamodb.name')}`));
    for (const t of asArray(res.ecs).filter(isRecord)) out.add(arn('ecs', `service/${str(t.cluster, 'ecs.cluster')}/${str(t.service, 'ecs.service')}`));
    for (const t of asArray(res.appRunner).filter(isRecord)) {
      out.add(arn('apprunner', `service/${str(t.name, 'appRunner.name')}/${str(t.serviceId, 'appRunner.serviceId')}`));
      // The revisions of the configured auto-scaling configuration: a create names each by a revision and an id AWS generates.
      if (typeof t.autoScalingConfiguration === 'string') out.add(arn('apprunner', `autoscalingconfiguration/${t.autoScalingConfiguration}/*`));
    }
    for (const t of asArray(res.rds).filter(isRecord)) out.add(arn('rds', `db:${str(t.instanceId, 'rds.instanceId')}`));
    for (const t of asArray(res.elastiCache).filter(isRecord)) out.add(arn('elasticache', `cluster:${str(t.clusterId, 'elastiCache.clusterId')}`));
    // CloudFront is global: its ARNs have no region.
    for (const t of asArray(res.cloudFront).filter(isRecord)) out.add(arn('cloudfront', `distribution/${str(t.distributionId, 'cloudFront.distributionId')}`, ''));
    for (const t of asArray(res.logGroup).filter(isRecord)) {
      logGroup(str(t.logGroupName, 'logGroup.logGroupName'));
      const ipSet = t.wafIpSet;
      if (!isRecord(ipSet)) continue;
      const rest = `ipset/${str(ipSet.name, 'wafIpSet.name')}/${str(ipSet.id, 'wafIpSet.id')}`;
      out.add(ipSet.scope === 'CLOUDFRONT' ? arn('wafv2', `global/${rest}`, 'us-east-1') : arn('wafv2', `regional/${rest}`));
    }
  }
  // The deployment's own log groups, which the README names: /alert-responder/<prefix>/...
  const prefix = str(config.prefix ?? 'ar', 'prefix');
  logGroup(`/alert-responder/${prefix}/remediations`);
  return out;
}
