/** One thing wrong with a configuration: where, what, and the value received. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  readonly received?: string;
}

/** Thrown when a configuration is invalid; its message lists every problem at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `Invalid alert-responder configuration (${source}): ${problems.length} problem${problems.length === 1 ? '' : 's'}\n` +
        problems.map((p) => `  - ${p.path || '(root)'}: ${p.message}${p.received === undefined ? '' : ` (received ${p.received})`}`).join('\n'),
    );
  }
}

/** `['systems', 0, 'id']` → `systems[0].id` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** A short, log-safe rendering of a received value. */
export function formatReceived(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
