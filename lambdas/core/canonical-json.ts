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
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
