/**
 * What an escalation may carry of the application's own log lines. Escalations go to people by
 * email and HTTPS (PagerDuty, chat): outside the account's controls, so lines are redacted
 * (lambdas/escalation/redact.ts) or left out, never sent as written. Shared by the configuration
 * (which validates it) and the responders (which apply it).
 */
export const LOG_LINE_MODES = ['redacted', 'none'] as const;
export type LogLineMode = (typeof LOG_LINE_MODES)[number];

/** More lines than a person reads in an alert; each is cut to 500 characters. */
export const MAX_LOG_LINES = 50;

/** The `escalation.logLines` setting, as the responders and the verifier receive it. */
export interface LogLinesSettings {
  /** `redacted`: matching log lines, each redacted; `none`: no log line at all. */
  readonly include: LogLineMode;
  /** At most this many lines, from 1 to MAX_LOG_LINES. */
  readonly maxLines: number;
  /** JavaScript regular expressions (source text, applied with the `g` flag) redacted after the built-in rules. */
  readonly redactPatterns: readonly string[];
}

export const DEFAULT_LOG_LINES: LogLinesSettings = { include: 'redacted', maxLines: 20, redactPatterns: [] };

/** Why `source` is not a regular expression the responders can apply, or undefined when it is. */
export function regexProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'g');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
