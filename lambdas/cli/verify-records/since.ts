const UNITS_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: a duration back from `now` (`90m`, `24h`, `7d`) or an ISO 8601 time; undefined when it is neither. */
export function parseSince(text: string, now: Date): Date | undefined {
  const ago = /^(\d{1,6})([mhd])$/.exec(text.trim());
  if (ago) return new Date(now.getTime() - Number(ago[1]) * (UNITS_MS[ago[2] ?? 'h'] ?? 0));
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) || at.getTime() > now.getTime() ? undefined : at;
}
