/**
 * Writes examples/state/default.json: the saved state `respond capture` would write for
 * config/default.json in an account where every alarm is firing. There is no AWS here, so the
 * reads are answered by the fake in example-state-answers.ts, through the same capture code.
 * Run: node -r ts-node/register/transpile-only scripts/example-state.ts [OUT]
 */
import { writeFileSync } from 'node:fs';
import { runCapture, runFromState } from '../lambdas/cli/capture';
import { stateFileText } from '../lambdas/cli/saved-state';
import { operationOf, serviceOf } from '../lambdas/cli/state-interceptors';
import { answer } from './example-state-answers';

const CONFIG = 'config/default.json';
/** A fixed time, so that the file changes only when the reads do. */
const CAPTURED_AT = new Date('2026-12-01T09:30:00.000Z');

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'examples/state/default.json';
  const result = await runCapture({
    configPath: CONFIG,
    now: CAPTURED_AT,
    source: async (client, command) => answer(serviceOf(client), operationOf(command), Reflect.get(command, 'input'), CAPTURED_AT),
  });
  if (!result.state) throw new Error(result.error ?? 'capture failed');
  writeFileSync(out, stateFileText(result.state));
  process.stdout.write(`${result.state.answers.length} answers for ${result.alarms} alarms -> ${out}\n`);
  for (const f of result.failed) process.stdout.write(`FAILED ${f.alarm}: ${f.error}\n`);
  if (process.env.VERBOSE) {
    for (const a of result.state.answers) process.stdout.write(`${a.service}.${a.operation}\n`);
    const r = await runFromState({ configPath: CONFIG, alarmName: process.env.VERBOSE, state: result.state });
    process.stdout.write(`${r.text}\n${r.error ?? ''}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
