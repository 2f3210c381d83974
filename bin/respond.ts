/**
 * Local dry run: `npm run respond -- --alarm NAME` or `--event FILE`, with your AWS credentials or
 * offline from a saved state (`--state FILE`); `npm run respond -- capture --out FILE` saves one.
 * Runs the responders' own code and prints the plan. It never changes anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCapture, runFromState } from '../lambdas/cli/capture';
import { runDryRun } from '../lambdas/cli/run-dry-run';
import { parseSavedState, stateFileText } from '../lambdas/cli/saved-state';

// Never probe the EC2 metadata endpoint for credentials from a laptop or CI.
process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

const USAGE = `usage:
  npm run respond -- (--alarm NAME | --event FILE) [--dry-run] [--state FILE] [--config PATH] [--json]
      plans what the responder would do, and changes nothing. With --state FILE, answers every
      AWS read from a saved state: no credentials, no network.
  npm run respond -- capture --out FILE [--config PATH]
      reads (only reads) the state every configured alarm's dry run needs, with your credentials,
      and saves it for --state.
  --config defaults to config/default.json; examples/state/default.json is a saved state for it.`;

const OPTIONS = {
  alarm: { type: 'string' },
  event: { type: 'string' },
  state: { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string', default: 'config/default.json' },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function capture(configPath: string, out: string | undefined): Promise<number> {
  if (out === undefined) {
    process.stderr.write(`capture needs --out FILE.\n${USAGE}\n`);
    return 2;
  }
  const result = await runCapture({ configPath });
  if (!result.state) {
    process.stderr.write(`${result.error ?? 'capture failed'}\n`);
    return 1;
  }
  writeFileSync(out, stateFileText(result.state));
  process.stdout.write(`Saved ${result.state.answers.length} answers for ${result.alarms} alarms to ${out}.\n`);
  for (const f of result.failed) process.stderr.write(`${f.alarm}: ${f.error}\n`);
  return result.failed.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1 || (positionals.length === 1 && positionals[0] !== 'capture')) {
    process.stderr.write(`Unknown command: ${positionals.join(' ')}.\n${USAGE}\n`);
    return 2;
  }
  if (positionals[0] === 'capture') return capture(values.config, values.out);
  if ((values.alarm === undefined) === (values.event === undefined)) {
    process.stderr.write(`Name exactly one of --alarm or --event.\n${USAGE}\n`);
    return 2;
  }
  const event = values.event === undefined ? undefined : readFileSync(values.event, 'utf8');
  const args = { configPath: values.config, alarmName: values.alarm, eventJson: event };
  const result =
    values.state === undefined ? await runDryRun(args) : await runFromState({ ...args, state: parseSavedState(readFileSync(values.state, 'utf8'), values.state) });
  process.stdout.write(`${values.json ? result.records.map((r) => JSON.stringify(r, null, 2)).join('\n') : result.text}\n`);
  if (result.error) process.stderr.write(`${result.error}\n`);
  return result.error ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
