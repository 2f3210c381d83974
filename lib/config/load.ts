import { readFileSync } from 'node:fs';
import { semanticProblems } from './semantics';
import { ConfigError, formatPath, formatReceived, type ConfigProblem } from './problems';
import { deploymentConfigSchema, type DeploymentConfig } from './schema';

/** Validates a configuration value; throws one ConfigError listing every problem. */
export function parseConfig(input: unknown, source = 'configuration'): DeploymentConfig {
  const result = deploymentConfigSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const problems: ConfigProblem[] = result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
      received: 'input' in issue ? formatReceived(issue.input) : undefined,
    }));
    throw new ConfigError(source, problems);
  }
  const problems = semanticProblems(result.data);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return result.data;
}

/** Reads and validates a JSON configuration file. */
export function loadConfig(path: string): DeploymentConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(path, [{ path: '', message: `cannot read the file: ${(err as Error).message}` }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(path, [{ path: '', message: `not valid JSON: ${(err as Error).message}` }]);
  }
  return parseConfig(value, path);
}
