import type { TargetType } from './target-types';
import type { TargetProps } from './target-schemas';

/** Where a target's key comes from when the configuration gives no `id`; undefined: `id` is required. */
export const DEFAULT_KEY: { readonly [T in TargetType]?: (t: TargetProps<T>) => string } = {
  lambda: (t) => t.name,
  dynamodb: (t) => t.name,
  ecs: (t) => t.service,
  appRunner: (t) => t.name,
  rds: (t) => t.instanceId,
  elastiCache: (t) => t.clusterId,
  cloudFront: (t) => t.distributionId,
  apiGateway: (t) => t.name,
  bedrock: (t) => t.modelId ?? 'all-models',
  snsTopic: (t) => t.name,
  billing: () => 'account',
};

