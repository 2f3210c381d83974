/**
 * One text per JSON value, whatever order its keys were written in: what a record's MAC is
 * computed over, when it is signed and again when it is verified from the log.
 *
 * The value goes through JSON first, as the log does (undefined members dropped, `toJSON` applied,
 * NaN as null), so a record and its copy parsed back from the log give the same text; then every
 * object's keys are sorted by UTF-16 code units and nothing is indented.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  // JSON.stringify says undefined for undefined, functions and symbols: there is no JSON of them.
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return write(JSON.parse(text) as unknown);
}

function write(value: unknown): string {
  // After the JSON round trip a primitive is a string, a finite number, a boolean or null.
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + write(value[i]);
    return `${out}]`;
  }
  const object = value as Readonly<Record<string, unknown>>;
  // Array.prototype.sort without a comparator orders strings by UTF-16 code units.
  const keys = Object.keys(object).sort();
  out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${write(object[key])}`;
  }
  return `${out}}`;
}
