/**
 * A saved state: what AWS answered to each read a dry run makes, so that the dry run can be made
 * again offline, without credentials. Written by `respond capture`, read by `respond --state`.
 * Times are kept as `{ "$date": "<ISO 8601>" }`, so that they come back as the Dates the SDK gives.
 */
import { canonicalJson } from '../core/canonical-json';
import { list, object, optional, str, text, type Schema } from '../core/params';

/** One read and what AWS answered: its output, or the error it threw. */
export interface SavedAnswer {
  /** The client, as the records name it: `lambda`, `cloudwatch`, `logs`, … */
  readonly service: string;
  /** The command without "Command": `GetAlias`. */
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly error?: { readonly name: string; readonly message: string };
}

/** A saved state file. */
export interface SavedState {
  readonly version: 1;
  /** When the state was read: the dry run plans as of then (the metric window ends then). */
  readonly capturedAt: Date;
  /** The configuration it was captured for, as given to capture. */
  readonly config: string;
  readonly answers: readonly SavedAnswer[];
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ "$date": … }` back to a Date, anywhere in the value. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  const date = value.$date;
  if (keys.length === 1 && typeof date === 'string') {
    const parsed = new Date(date);
    if (Number.isNaN(parsed.getTime())) throw new SavedStateError(`"${date}" is not a time`);
    return parsed;
  }
  return reviveObject(value);
}

function reviveObject(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
}

/** Dates to `{ "$date": … }`, anywhere in the value; what JSON cannot hold is dropped as JSON drops it. */
export function bury(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(bury);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined || k === '$metadata' ? [] : [[k, bury(v)]])));
}

const jsonObject: Schema<Readonly<Record<string, unknown>>> = {
  expected: 'an object',
  read: (v, path) => (isObject(v) ? { ok: true, value: v } : { ok: false, path, expected: 'an object', received: v }),
};

const stateSchema = object({
  version: { expected: '1', read: (v, path) => (v === 1 ? { ok: true, value: 1 as const } : { ok: false, path, expected: '1', received: v }) },
  capturedAt: str(),
  config: text(),
  answers: list(
    object({
      service: str(),
      operation: str(),
      input: jsonObject,
      output: optional(jsonObject),
      error: optional(object({ name: str(), message: text() })),
    }),
    'a list of answers',
  ),
});

/** The state file is not JSON, or not a saved state: names the field, what it must be and what it holds. */
export class SavedStateError extends Error {
  override readonly name = 'SavedStateError';
}

/** A saved state from the text of its file (`file` names it in errors). */
export function parseSavedState(json: string, file: string): SavedState {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new SavedStateError(`${file} is not JSON: ${(err as Error).message}`);
  }
  const read = stateSchema.read(raw, '');
  if (!read.ok) throw new SavedStateError(`${file} is not a saved state: ${read.path || 'the file'} must be ${read.expected}, got ${JSON.stringify(read.received) ?? 'nothing'}`);
  const capturedAt = new Date(read.value.capturedAt);
  if (Number.isNaN(capturedAt.getTime())) throw new SavedStateError(`${file}: capturedAt must be an ISO 8601 time, got "${read.value.capturedAt}"`);
  try {
    const answers = read.value.answers.map((a): SavedAnswer => ({ ...a, input: reviveObject(a.input), output: a.output && reviveObject(a.output) }));
    return { version: 1, capturedAt, config: read.value.config, answers };
  } catch (err) {
    throw new SavedStateError(`${file}: ${(err as Error).message}`);
  }
}

/** The state as the text of its file: one answer a line group, times as `$date`. */
export function stateFileText(state: SavedState): string {
  return `${JSON.stringify({ version: 1, capturedAt: state.capturedAt.toISOString(), config: state.config, answers: state.answers.map(bury) }, null, 2)}\n`;
}

/** What a call is known by in a saved state: service, operation and its input, key order aside. */
export function answerKey(service: string, operation: string, input: unknown): string {
  return `${service}.${operation} ${canonicalJson(input ?? {})}`;
}
