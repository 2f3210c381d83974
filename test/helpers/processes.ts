import { spawn, type ChildProcess } from 'node:child_process';

export interface Finished {
  readonly stdout: string;
  readonly stderr: string;
}

/** Children still running, so a test that times out can stop them in afterAll. */
const running = new Set<ChildProcess>();

/** Runs a command to its end; rejects with its output when it fails. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      running.delete(child);
      reject(err);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} (in ${options.cwd}) ended with ${signal ?? `exit code ${code}`}\n${stdout}\n${stderr}`));
    });
  });
}

/** Kills every child of `run` still running. */
export function stopRunning(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
