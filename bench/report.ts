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
export const ratio = (value: number, baseline: number): string => `${(value / baseline).toFixed(2)}×`;

export const ms = (value: number): string => value.toFixed(value < 10 ? 1 : 0);
export const int = (value: number): string => Math.round(value).toLocaleString('en-US');

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderSection(s: Section): string {
  return [`## ${s.title}`, '', s.intro, '', markdownTable(s.header, s.rows), ...(s.notes?.length ? ['', ...s.notes] : [])].join('\n');
}
