/**
 * A tiny typed validator for what a remediation reads back from a plan or a record: `apply` and
 * `undo` get typed values, never a bag of unknowns to check call by call. Hand-written rather than
 * zod, which stays off the Lambda load path.
 */

/** A value read, or the first problem found: where, what was expected, what was there. */
export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly path: string; readonly expected: string; readonly received: unknown };

/** A check that turns an unknown value into a `T`, or says what is wrong with it. */
export interface Schema<T> {
  /** What a valid value is, as an error says it: "a non-empty string". */
  readonly expected: string;
  read(value: unknown, path: string): Read<T>;
}

/** The type a schema reads. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(path: string, expected: string, received: unknown): Read<T> => ({ ok: false, path, expected, received });
const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
const at = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function check<T>(expected: string, test: (v: unknown) => v is T): Schema<T> {
  return { expected, read: (v, path) => (test(v) ? ok(v) : bad(path, expected, v)) };
}

/** A non-empty string. */
export const str = (): Schema<string> => check('a non-empty string', (v): v is string => typeof v === 'string' && v !== '');

/** Any string, the empty one included. */
export const text = (): Schema<string> => check('a string', (v): v is string => typeof v === 'string');

/** An integer of at least `min` (a count by default). */
export function int(min = 0): Schema<number> {
  const expected = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
  return check(expected, (v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min);
}

/** true or false (a setting of the target, such as Container Insights being on). */
export const bool = (): Schema<boolean> => check('true or false', (v): v is boolean => typeof v === 'boolean');

/** Any finite number (a routing weight). */
export const num = (): Schema<number> => check('a number', (v): v is number => typeof v === 'number' && Number.isFinite(v));

/** One of the given strings. */
export function oneOf<const V extends readonly string[]>(...values: V): Schema<V[number]> {
  const expected = values.length === 1 ? JSON.stringify(values[0]) : values.join(' or ');
  return check(expected, (v): v is V[number] => typeof v === 'string' && values.includes(v));
}

/** `T`, or null where nothing was recorded (absent counts as null). */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return { expected: `${schema.expected} or null`, read: (v, path) => (v === null || v === undefined ? ok(null) : schema.read(v, path)) };
}

/** `T`, or nothing: the field may be absent (undefined), never null. */
export function optional<T>(schema: Schema<T>): Schema<T | undefined> {
  return { expected: `${schema.expected}, or nothing`, read: (v, path) => (v === undefined ? ok(undefined) : schema.read(v, path)) };
}

/** A list whose every item passes `item`. */
export function list<T>(item: Schema<T>, expected = `a list of ${item.expected.replace(/^an? /, '')}s`): Schema<T[]> {
  return {
    expected,
    read(v, path) {
      if (!Array.isArray(v)) return bad(path, expected, v);
      const out: T[] = [];
      for (const [i, x] of v.entries()) {
        const r = item.read(x, `${path}[${i}]`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    },
  };
}

/** A list of strings (addresses, node ids); an empty string is a string too. */
export const strList = (): Schema<string[]> => list(text());

/** An object of string keys whose every value passes `value` (version → weight). */
export function record<T>(value: Schema<T>, expected = `an object of ${value.expected.replace(/^an? /, '')}s`): Schema<Readonly<Record<string, T>>> {
  return {
    expected,
    read(v, path) {
      if (!isObject(v)) return bad(path, expected, v);
      const out: Record<string, T> = {};
      for (const [k, x] of Object.entries(v)) {
        const r = value.read(x, at(path, k));
        if (!r.ok) return r;
        out[k] = r.value;
      }
      return ok(out);
    },
  };
}

/** An object with these fields, each passing its schema; other fields are left out of the value. */
export function object<S extends Readonly<Record<string, Schema<unknown>>>>(shape: S): Schema<{ readonly [K in keyof S]: Infer<S[K]> }> {
  const expected = `an object with ${Object.keys(shape).join(', ')}`;
  return {
    expected,
    read(v, path) {
      if (!isObject(v)) return bad(path, expected, v);
      const out: Record<string, unknown> = {};
      for (const [k, schema] of Object.entries(shape)) {
        const r = schema.read(v[k], at(path, k));
        if (!r.ok) return r;
        out[k] = r.value;
      }
      // Every key of `shape` was read into `out` with its own schema: the mapped type holds.
      return ok(out as { readonly [K in keyof S]: Infer<S[K]> });
    },
  };
}

/** One field whose name is a type parameter (`memoryMb` or `timeoutSeconds`). */
export function field<const K extends string, T>(key: K, schema: Schema<T>): Schema<{ readonly [P in K]: T }> {
  return object({ [key]: schema } as { readonly [P in K]: Schema<T> });
}

/** Both objects' fields at once. */
export function both<A, B>(a: Schema<A>, b: Schema<B>): Schema<A & B> {
  return {
    expected: `${a.expected}, and ${b.expected.replace(/^an object with /, '')}`,
    read(v, path) {
      const ra = a.read(v, path);
      if (!ra.ok) return ra;
      const rb = b.read(v, path);
      return rb.ok ? ok({ ...ra.value, ...rb.value }) : rb;
    },
  };
}

/** The value at a dotted path of nested objects (`params.alias`); undefined where there is none. */
function valueAt(v: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), v);
}

/**
 * `present` where the object has a value (not null) at the dotted `key`, else `absent`: a plan
 * says which path it took by its fields, e.g. an `alias` in its params.
 */
export function ifHas<A, B>(key: string, present: Schema<A>, absent: Schema<B>): Schema<A | B> {
  return {
    expected: `${present.expected} (with ${key}), or ${absent.expected}`,
    read: (v, path): Read<A | B> => {
      const found = valueAt(v, key);
      return found !== undefined && found !== null ? present.read(v, path) : absent.read(v, path);
    },
  };
}

/** Where a value was read from, for the error. */
export interface Where {
  /** A plan (its params, given to apply) or the record of an applied action (given to undo). */
  readonly source: 'plan' | 'record';
  readonly remediation: string;
  readonly resource: string;
  /** Prefix of the field path: `params` for a plan's params. */
  readonly root?: string;
}

/**
 * A plan or a record lacks a value, or holds one of the wrong shape: it was built or edited
 * wrongly (or by another version), so the action fails rather than guess.
 */
export class ParamsError extends Error {
  override readonly name = 'ParamsError';
  readonly remediation: string;
  readonly resource: string;
  /** E.g. `params.functionName` or `before.desiredCount`. */
  readonly field: string;
  readonly expected: string;
  /** The value as JSON; `nothing` where there was none. */
  readonly received: string;

  constructor(where: Where, field: string, expected: string, received: unknown) {
    const got = JSON.stringify(received) ?? 'nothing';
    super(`${where.source} of ${where.remediation} on ${where.resource}: ${field} must be ${expected}, got ${got}`);
    this.remediation = where.remediation;
    this.resource = where.resource;
    this.field = field;
    this.expected = expected;
    this.received = got;
  }
}

/** The value as `T`, or a ParamsError naming the remediation, the resource, the field, what it must be and what it was. */
export function parse<T>(schema: Schema<T>, value: unknown, where: Where): T {
  const r = schema.read(value, where.root ?? '');
  if (r.ok) return r.value;
  throw new ParamsError(where, r.path, r.expected, r.received);
}
