/**
 * The floor a responder's cold start is measured against: a bundle, built with the responder's
 * own esbuild options, that imports and constructs only the AWS SDK clients the responder's
 * bundle contains and whose handler sends the same requests, with the same inputs, that the
 * responder sent on the benchmark's first invocation. No Powertools, middy, zod, X-Ray or project
 * code: what is left is the SDK's own cost, which no change to the responder can remove.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { responderBuildOptions, type FunctionRole } from '../lib/constructs/private/bundling-options';
import type { FakeCall } from '../test/helpers/fake-aws';
import { OUT_DIR, packageOf } from './bundles';

/** The fake's service names of the JSON-protocol services, whose request body is the command's input. */
const JSON_SERVICES: Readonly<Record<string, string>> = {
  ssm: '@aws-sdk/client-ssm',
  dynamodb: '@aws-sdk/client-dynamodb',
  logs: '@aws-sdk/client-cloudwatch-logs',
  cloudwatch: '@aws-sdk/client-cloudwatch',
  sqs: '@aws-sdk/client-sqs',
  kms: '@aws-sdk/client-kms',
};

/** The recorded input as source: JSON, but KMS's blobs (a record's digest to sign) back to bytes, as the SDK takes them. */
function inputSource(c: FakeCall): string {
  const body: unknown = c.body;
  if (c.service === 'kms' && typeof body === 'object' && body !== null && 'Message' in body && typeof body.Message === 'string') {
    return `{ ...${JSON.stringify(body)}, Message: Buffer.from(${JSON.stringify(body.Message)}, 'base64') }`;
  }
  return JSON.stringify(body);
}

/** The `@aws-sdk/client-*` packages in a bundle, from its esbuild metafile. */
export function sdkClientsOf(metafile: Metafile): string[] {
  const packages = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const pkg = packageOf(input);
      if (pkg.startsWith('@aws-sdk/client-')) packages.add(pkg);
    }
  }
  return [...packages].sort();
}

/** `@aws-sdk/client-cloudwatch-logs` → `CloudWatchLogsClient`: the package's one client class. */
function clientClass(pkg: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const names = Object.keys(require(pkg) as object).filter((k) => k.endsWith('Client') && !k.startsWith('_'));
  if (names.length !== 1) throw new Error(`${pkg} exports ${names.length} client classes (${names.join(', ')}); expected one`);
  return names[0];
}

export interface SdkBaseline {
  readonly role: FunctionRole;
  readonly file: string;
  readonly bytes: number;
  readonly clients: readonly string[];
  /** `service.Operation` of each request its handler replays. */
  readonly replays: readonly string[];
}

/**
 * Writes and bundles the baseline of `role`. `calls` are the requests the responder made on its
 * first invocation (as the fake AWS recorded them); each is replayed with its recorded input.
 * Replays whose outcome differs (a conditional write that now fails) still make the same round
 * trip through the SDK, so their errors are swallowed.
 */
export async function buildSdkBaseline(role: FunctionRole, metafile: Metafile, calls: readonly FakeCall[]): Promise<SdkBaseline> {
  const clients = sdkClientsOf(metafile);
  const foreign = calls.filter((c) => !JSON_SERVICES[c.service]);
  if (foreign.length) throw new Error(`${role}: cannot replay ${foreign.map((c) => `${c.service}.${c.operation}`).join(', ')} (not a JSON-protocol service)`);
  const imports = new Map<string, Set<string>>(clients.map((pkg) => [pkg, new Set([clientClass(pkg)])]));
  for (const c of calls) {
    const pkg = JSON_SERVICES[c.service];
    if (!imports.has(pkg)) throw new Error(`${role}: its first invocation called ${c.service}, whose client ${pkg} is not in its bundle`);
    imports.get(pkg)?.add(`${c.operation}Command`);
  }
  const source = [
    ...[...imports].map(([pkg, names]) => `import { ${[...names].join(', ')} } from '${pkg}';`),
    // Constructed at load, as "a bundle that imports and constructs only the SDK clients it uses".
    `const clients = { ${clients.map((pkg) => `${JSON.stringify(pkg)}: new ${clientClass(pkg)}({})`).join(', ')} };`,
    `const replays = [${calls.map((c) => `[${JSON.stringify(JSON_SERVICES[c.service])}, ${c.operation}Command, ${inputSource(c)}]`).join(', ')}];`,
    'export const handler = async () => {',
    '  for (const [pkg, Command, input] of replays) {',
    '    try { await clients[pkg].send(new Command(input)); } catch { /* same round trip; see sdk-baseline.ts */ }',
    '  }',
    '  return { replayed: replays.length };',
    '};',
  ].join('\n');
  const entry = path.join(OUT_DIR, 'baseline-src', `${role}.mjs`);
  const file = path.join(OUT_DIR, 'baseline', role, 'index.js');
  fs.mkdirSync(path.dirname(entry), { recursive: true });
  fs.writeFileSync(entry, source);
  await build({ ...responderBuildOptions(), entryPoints: [entry], outfile: file });
  return { role, file, bytes: fs.statSync(file).size, clients, replays: calls.map((c) => `${c.service}.${c.operation}`) };
}
