/**
 * `npm run bench [-- MEASURE...]`: every figure beside its baseline, measured in this run,
 * printed and written to bench/RESULTS.md. Measures: cold-start (with the bundle contents),
 * overhead, storm, synth; all by default. BENCH_RUNS sets the fresh processes per cold-start
 * figure (default 20).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleContents } from './bundle-contents';
import { buildResponders } from './bundles';
import { coldStart } from './cold-start';
import { handlerOverhead } from './handler-overhead';
import { renderSection, type Section } from './report';
import { storm } from './storm';
import { synth } from './synth';

// The SDK's Node 22 notice (see test/global-setup.ts) is not a figure.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const MEASURES: Record<string, () => Promise<Section[]>> = {
  'cold-start': async () => {
    const responders = await buildResponders();
    return [...(await coldStart(responders)), bundleContents(responders)];
  },
  overhead: async () => [await handlerOverhead()],
  storm: storm,
  synth: async () => [await synth()],
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((m) => !(m in MEASURES));
  if (unknown.length) throw new Error(`unknown measure(s) ${unknown.join(', ')}; choose from ${Object.keys(MEASURES).join(', ')}`);
  const started = Date.now();
  const sections: Section[] = [];
  for (const [name, measure] of Object.entries(MEASURES)) {
    if (asked.length && !asked.includes(name)) continue;
    process.stderr.write(`bench: ${name}...\n`);
    sections.push(...(await measure()));
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const text = [
    '# Benchmarks',
    '',
    `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${os.cpus().length} × ${cpu}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GB; ${((Date.now() - started) / 1000).toFixed(0)} s in all. Every baseline was measured in the same run.`,
    '',
    ...sections.map((s) => `${renderSection(s)}\n`),
  ].join('\n');
  process.stdout.write(text);
  // A partial run prints only: RESULTS.md holds a whole run.
  if (!asked.length) fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), text);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
