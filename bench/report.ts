/** Statistics and the Markdown tables the benchmarks report in. */

export interface Section {
  readonly title: string;
  /** What was measured and how, above the table. */
  readonly intro: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Below the table. */
  readonly notes?: readonly string[];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** `value / baseline` as `1.23×`. */
export const ratio = (value: number, baseline: number): string => times(value / baseline);

/** A ratio as `1.23×`. */
export const times = (r: number): string => `${r.toFixed(2)}×`;

/**
 * The median of `values[i] / baselines[i]`: each run against the baseline run made beside it, so
 * that the load of a shared machine, which drifts between rounds, cancels out.
 */
export function pairedRatio(values: readonly number[], baselines: readonly number[]): number {
  if (values.length !== baselines.length) throw new Error(`cannot pair ${values.length} runs with ${baselines.length}`);
  return median(values.map((v, i) => v / baselines[i]));
}

export const ms = (value: number): string => value.toFixed(value < 10 ? 1 : 0);
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderSection(s: Section): string {
  return [`## ${s.title}`, '', s.intro, '', markdownTable(s.header, s.rows), ...(s.notes?.length ? ['', ...s.notes] : [])].join('\n');
}
