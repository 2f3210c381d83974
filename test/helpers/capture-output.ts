import { realProcess } from './deployed-responder';

/**
 * Captures what the bundle writes: Powertools' Logger and Metrics write to process.stdout
 * directly (past Jest's console), and warnings go to process.stderr. Keeps the test output
 * clean and lets a test read the logs.
 */
export function captureOutput(): { lines: string[]; stop: () => void } {
  const lines: string[] = [];
  const streams = [realProcess.stdout, realProcess.stderr];
  const originals = streams.map((s) => s.write);
  const capture = (chunk: unknown): boolean => {
    lines.push(...String(chunk).split('\n').filter((l) => l.trim() !== ''));
    return true;
  };
  for (const s of streams) s.write = capture as typeof s.write;
  return {
    lines,
    stop: () => streams.forEach((s, i) => void (s.write = originals[i])),
  };
}

/** The JSON objects among captured lines (Powertools writes one per line). */
export function jsonLines(lines: readonly string[]): Record<string, unknown>[] {
  return lines.flatMap((l) => {
    try {
      const v: unknown = JSON.parse(l);
      return typeof v === 'object' && v !== null ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}
