import { createHash } from 'node:crypto';
import type { DeploymentConfigInput } from '../lib/config/schema';

/** Resources per system where the caller names no system count. */
export const RESOURCES_PER_SYSTEM = 50;

export interface GenerateConfigOptions {
  /** @default ceil(resourceCount / RESOURCES_PER_SYSTEM) */
  readonly systems?: number;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default 'scale' */
  readonly prefix?: string;
}

type Resources = Record<string, Array<Record<string, unknown>>>;

const pad = (n: number, width = 3) => String(n).padStart(width, '0');
const hex32 = (seed: string) => createHash('md5').update(seed).digest('hex');

/** One generator per resource type, in the round-robin order; `i` is unique within the system. */
const GENERATORS: ReadonlyArray<readonly [string, (s: string, i: number, firstLambda: string) => Record<string, unknown>]> = [
  ['lambda', (s, i) => ({ name: `${s}-fn-${pad(i)}`, alias: 'live' })],
  ['dynamodb', (s, i) => ({ name: `${s}-table-${pad(i)}` })],
  ['apiGateway', (s, i, fn) => ({ name: `${s}-api-${pad(i)}`, stage: 'prod', backends: [{ type: 'lambda', key: fn }] })],
  ['ecs', (s, i) => ({ cluster: `${s}-cluster`, service: `${s}-svc-${pad(i)}` })],
  ['appRunner', (s, i) => ({ name: `${s}-web-${pad(i)}`, serviceId: hex32(`${s}-${i}`) })],
  ['rds', (s, i) => ({ instanceId: `${s}-db-${pad(i)}`, maxConnections: 100 + i })],
  ['elastiCache', (s, i) => ({ clusterId: `${s}-cache-${pad(i)}` })],
  ['healthCheck', (s, i) => ({ id: `${s}-health-${pad(i)}`, url: `https://svc${i}.${s}.example.com/health` })],
  ['logGroup', (s, i) => ({ id: `${s}-log-${pad(i)}`, logGroupName: `/${s}/app-${pad(i)}`, alert: ['security-violation', 'auth-failures', 'unauthorized-access'][i % 3] })],
  ['customMetric', (s, i) => ({ id: `${s}-metric-${pad(i)}`, alert: ['queue-depth', 'data-inconsistency'][i % 2], namespace: `Scale/${s}`, metricName: `Metric${i}` })],
  ['cloudFront', (s, i) => ({ distributionId: `E${hex32(`${s}${i}`).slice(0, 12).toUpperCase()}` })],
  ['snsTopic', (s, i) => ({ name: `${s}-topic-${pad(i)}` })],
  ['bedrock', (s, i) => ({ modelId: `anthropic.model-${s}-${pad(i)}` })],
];

/**
 * A valid configuration with `resourceCount` monitored resources of mixed types, spread evenly
 * over systems: for the scale test and the synthesis benchmark.
 */
export function generateConfig(resourceCount: number, options: GenerateConfigOptions = {}): DeploymentConfigInput {
  if (!Number.isInteger(resourceCount) || resourceCount < 1) throw new Error(`resourceCount must be a positive integer (received ${resourceCount})`);
  const systemCount = options.systems ?? Math.ceil(resourceCount / RESOURCES_PER_SYSTEM);
  const systems = Array.from({ length: systemCount }, (_, s) => {
    const id = `sys-${pad(s + 1, 2)}`;
    // Spread the remainder over the first systems.
    const count = Math.floor(resourceCount / systemCount) + (s < resourceCount % systemCount ? 1 : 0);
    const resources: Resources = {};
    const firstLambda = `${id}-fn-${pad(0)}`;
    for (let i = 0; i < count; i++) {
      const [type, make] = GENERATORS[i % GENERATORS.length];
      (resources[type] ??= []).push(make(id, i, firstLambda));
    }
    return { id, resources };
  });
  return {
    prefix: options.prefix ?? 'scale',
    region: options.region ?? 'us-east-1',
    escalation: { emails: ['oncall@example.com'], httpsUrls: [] },
    systems,
  };
}
