import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** `namespace metricName` → the dimension-name sets AWS publishes it with (each sorted, joined by `+`). */
export type MetricCatalogue = ReadonlyMap<string, ReadonlySet<string>>;

export const metricKey = (namespace: string, metricName: string): string => `${namespace} ${metricName}`;
export const dimensionKey = (names: readonly string[]): string => [...names].sort().join('+');

const AWS_CDK_LIB = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const SUFFIX = '-canned-metrics.generated.js';

interface CannedMetric {
  readonly namespace: string;
  readonly metricName: string;
}

const isCanned = (v: unknown): v is CannedMetric =>
  typeof v === 'object' && v !== null && typeof (v as CannedMetric).namespace === 'string' && typeof (v as CannedMetric).metricName === 'string';

/**
 * The metrics aws-cdk-lib generates from AWS's published metric specifications, read offline.
 * Each `*-canned-metrics.generated.js` has one static method per metric and statistic, which
 * returns the namespace and metric name; the `.d.ts` beside it declares one overload per
 * dimension set, with the dimension names as the keys of its `dimensions` parameter.
 */
export function loadCannedMetrics(): MetricCatalogue {
  const out = new Map<string, Set<string>>();
  for (const dir of fs.readdirSync(AWS_CDK_LIB).filter((d) => d.startsWith('aws-'))) {
    const lib = path.join(AWS_CDK_LIB, dir, 'lib');
    if (!fs.existsSync(lib)) continue;
    for (const file of fs.readdirSync(lib).filter((f) => f.endsWith(SUFFIX))) {
      const js: Record<string, Record<string, unknown>> = require(path.join(lib, file));
      const dtsPath = path.join(lib, file.replace(/\.js$/, '.d.ts'));
      const dts = ts.createSourceFile(dtsPath, fs.readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest);
      dts.forEachChild((node) => {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const cls = js[node.name.text];
        for (const member of node.members) {
          if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
          const method = cls?.[member.name.text];
          const metric: unknown = typeof method === 'function' ? method({}) : undefined;
          if (!isCanned(metric)) throw new Error(`${file}: ${node.name.text}.${member.name.text} returned no namespace and metric name`);
          const param = member.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === 'dimensions');
          if (!param?.type || !ts.isTypeLiteralNode(param.type)) throw new Error(`${file}: ${member.name.text} has no dimensions type`);
          const names = param.type.members.map((m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : ''));
          const key = metricKey(metric.namespace, metric.metricName);
          out.set(key, (out.get(key) ?? new Set()).add(dimensionKey(names)));
        }
      });
    }
  }
  return out;
}
