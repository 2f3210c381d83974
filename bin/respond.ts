/**
 * Local dry run: `npm run respond -- --alarm NAME --dry-run` or `--event FILE --dry-run`.
 * Runs the responders' own code with your AWS credentials and prints the plan. It never changes
 * anything: every run is a dry run.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runDryRun } from '../lambdas/cli/run-dry-run';

// Never probe the EC2 metadata endpoint for credentials from a laptop or CI.
process.env.AWS_EC2_METADATA_DISABLED ??= 'true';

const USAGE = 'usage: npm run respond -- (--alarm NAME | --event FILE) --dry-run [--config PATH] [--json]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        alarm: { type: 'string' },
        event: { type: 'string' },
        config: { type: 'string', default: 'config/default.json' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!values['dry-run']) {
    process.stderr.write(`The CLI only plans: pass --dry-run.\n${USAGE}\n`);
    return 2;
  }
  if ((values.alarm === undefined) === (values.event === undefined)) {
    process.stderr.write(`Name exactly one of --alarm or --event.\n${USAGE}\n`);
    return 2;
  }
  const event = values.event === undefined ? undefined : readFileSync(values.event, 'utf8');
  const result = await runDryRun({ configPath: values.config, alarmName: values.alarm, eventJson: event });
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
