/**
 * Runs in a fresh node process (bundled to plain JS by cold-start.ts; node builtins only):
 * `node runner.js FILE [EVENT_JSON]` requires FILE and, given an event, calls its handler once.
 * Reports on file descriptor 3 (stdout is the handler's log) when, in ms since the process
 * started, it began, had required FILE, and had the handler's answer.
 */
import { writeSync } from 'node:fs';

interface Handler {
  handler(event: unknown, context: unknown): Promise<unknown>;
}

function context(functionName: string) {
  const deadline = Date.now() + 60_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/23/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

/** CPU time (user + system) of this process so far, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function main(): Promise<void> {
  const [file, event] = process.argv.slice(2);
  const start = performance.now();
  const cpuStart = cpuMs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as Handler;
  const required = performance.now();
  const cpuRequired = cpuMs();
  const answer = event === undefined ? undefined : await mod.handler(JSON.parse(event), context(process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench'));
  const invoked = performance.now();
  const cpuInvoked = cpuMs();
  writeSync(3, JSON.stringify({ start, required, invoked, cpuStart, cpuRequired, cpuInvoked, answer }));
}

main().catch((err: unknown) => {
  writeSync(3, JSON.stringify({ error: String(err) }));
  process.exitCode = 1;
});
