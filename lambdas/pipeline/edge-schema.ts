/**
 * A small validator for what arrives at a responder's edge (SNS records, alarm messages, manual
 * payloads): every problem found is listed as an Issue with its path and the value there, so the
 * error can name the likeliest mistake and count the others. Hand-written rather than zod, whose
 * module and schemas cost a cold start about 30 ms of CPU (bench/RESULTS.md); the issues follow
 * zod's: all checks of a value run, a value of the wrong type gets no further checks, and a
 * strict object's unknown keys are one issue after those of its fields.
 */

/** Keys and indexes from the root the caller names (`Message`, `Records[0]`). */
export type Path = readonly (string | number)[];

/** The JSON types an error can say were expected. */
export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** One thing wrong with the input, and the value (`input`) where it is wrong. */
export type Issue =
  | { readonly code: 'unknown-keys'; readonly path: Path; readonly keys: readonly string[]; readonly input: Readonly<Record<string, unknown>> }
  | { readonly code: 'type'; readonly path: Path; readonly expected: JsonType; readonly input: unknown }
  | { readonly code: 'value'; readonly path: Path; readonly values: readonly string[]; readonly input: unknown }
  | { readonly code: 'check'; readonly path: Path; readonly message: string; readonly input: unknown };

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/** Reads an unknown value as a `T`, or adds to `issues` what is wrong with it. */
export interface Shape<T> {
  read(value: unknown, path: Path, issues: Issue[]): Read<T>;
}

/** The type a shape reads. */
export type Infer<S> = S extends Shape<infer T> ? T : never;

/** A test on a value of the right type, and what to say when it fails ("expected an alarm name of 1 to 255 characters"). */
export interface Check<T> {
  readonly test: (value: T) => boolean;
  readonly message: string;
}

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const FAILED: Read<never> = { ok: false };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typed<T>(expected: JsonType, is: (v: unknown) => v is T, checks: readonly Check<T>[]): Shape<T> {
  return {
    read(value, path, issues) {
      if (!is(value)) {
        issues.push({ code: 'type', path, expected, input: value });
        return FAILED;
      }
      const failed = checks.filter((c) => !c.test(value));
      for (const c of failed) issues.push({ code: 'check', path, message: c.message, input: value });
      return failed.length === 0 ? ok(value) : FAILED;
    },
  };
}

export const string = (...checks: readonly Check<string>[]): Shape<string> => typed('string', (v): v is string => typeof v === 'string', checks);

/** A finite number (JSON has no other). */
export const number = (...checks: readonly Check<number>[]): Shape<number> => typed('number', (v): v is number => typeof v === 'number' && Number.isFinite(v), checks);

export const boolean = (): Shape<boolean> => typed('boolean', (v): v is boolean => typeof v === 'boolean', []);

/** A whole number above zero; a fraction says `message` and is checked no further. */
export function positiveInt(message: string): Shape<number> {
  const whole = number({ test: Number.isSafeInteger, message });
  return {
    read(value, path, issues) {
      const read = whole.read(value, path, issues);
      if (!read.ok) return read;
      if (read.value > 0) return read;
      issues.push({ code: 'check', path, message, input: value });
      return FAILED;
    },
  };
}

/** One of the given strings. */
export function oneOf<const V extends readonly string[]>(...values: V): Shape<V[number]> {
  return {
    read(value, path, issues) {
      if (typeof value === 'string' && values.includes(value)) return ok(value);
      issues.push({ code: 'value', path, values, input: value });
      return FAILED;
    },
  };
}

/** Anything, left for a later, more specific read. */
export const unknown = (): Shape<unknown> => ({ read: (value) => ok(value) });

export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return { read: (value, path, issues) => (value === undefined ? ok(undefined) : shape.read(value, path, issues)) };
}

/** `T`, or null or absent (AWS sends null for what an alarm does not have). */
export function nullish<T>(shape: Shape<T>): Shape<T | null | undefined> {
  return { read: (value, path, issues) => (value === null || value === undefined ? ok(value) : shape.read(value, path, issues)) };
}

/** `shape` on what `prepare` makes of the value (an accepted alternative spelling). */
export function preprocess<T>(prepare: (value: unknown) => unknown, shape: Shape<T>): Shape<T> {
  return { read: (value, path, issues) => shape.read(prepare(value), path, issues) };
}

/** A list whose every item passes `item`, with at least `min.count` items. */
export function array<T>(item: Shape<T>, min?: { readonly count: number; readonly message: string }): Shape<T[]> {
  return {
    read(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ code: 'type', path, expected: 'array', input: value });
        return FAILED;
      }
      const out: T[] = [];
      let failed = false;
      value.forEach((x: unknown, i) => {
        const read = item.read(x, [...path, i], issues);
        if (read.ok) out.push(read.value);
        else failed = true;
      });
      if (failed) return FAILED;
      if (min && out.length < min.count) {
        issues.push({ code: 'check', path, message: min.message, input: value });
        return FAILED;
      }
      return ok(out);
    },
  };
}

type Fields = Readonly<Record<string, Shape<unknown>>>;
type MayBeAbsent<S extends Fields> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
/** An object read by `object`: each field of the shape as its shape reads it, optional where it may be absent. */
export type ObjectOf<S extends Fields> = { readonly [K in Exclude<keyof S, MayBeAbsent<S>>]: Infer<S[K]> } & { readonly [K in MayBeAbsent<S>]?: Infer<S[K]> };

/**
 * An object with these fields. `unknownKeys: 'reject'` for what people type (a misspelt field
 * must not be ignored); AWS's own payloads gain fields over time, so theirs are ignored. Only the
 * shape's fields are copied out: nothing else of the input (`__proto__` included) reaches the value.
 */
export function object<S extends Fields>(fields: S, unknownKeys: 'ignore' | 'reject' = 'ignore'): Shape<ObjectOf<S>> {
  return {
    read(value, path, issues) {
      if (!isRecord(value)) {
        issues.push({ code: 'type', path, expected: 'object', input: value });
        return FAILED;
      }
      const out: Record<string, unknown> = {};
      let failed = false;
      for (const [key, shape] of Object.entries(fields)) {
        const read = shape.read(Object.hasOwn(value, key) ? value[key] : undefined, [...path, key], issues);
        if (read.ok) out[key] = read.value;
        else failed = true;
      }
      if (unknownKeys === 'reject') {
        const keys = Object.keys(value).filter((k) => !Object.hasOwn(fields, k));
        if (keys.length > 0) {
          issues.push({ code: 'unknown-keys', path, keys, input: value });
          failed = true;
        }
      }
      // Every field of `fields` was read into `out` by its own shape: the mapped type holds.
      return failed ? FAILED : ok(out as ObjectOf<S>);
    },
  };
}
