import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogLine } from './check-record';

export interface LogWindow {
  readonly logGroupName: string;
  readonly start: Date;
  readonly end: Date;
  /** The most lines read: past it the check is incomplete, and says so. */
  readonly maxLines: number;
  /**
   * The most FilterLogEvents pages: a page may come back empty while CloudWatch Logs still scans
   * (it answers with a next token), so the lines alone do not bound the calls.
   */
  readonly maxPages: number;
}

export interface LogRead {
  readonly lines: readonly LogLine[];
  /** A bound was reached before the window was read to its end. */
  readonly truncated: boolean;
  readonly pages: number;
}

/** Every event of the window, oldest first as FilterLogEvents gives them, page after page within the bounds. */
export async function readLog(client: CloudWatchLogsClient, w: LogWindow): Promise<LogRead> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (pages >= w.maxPages || lines.length >= w.maxLines) return { lines, truncated: true, pages };
    const page = await client.send(
      new FilterLogEventsCommand({
        logGroupName: w.logGroupName,
        startTime: w.start.getTime(),
        endTime: w.end.getTime(),
        nextToken,
        limit: Math.min(10_000, w.maxLines - lines.length),
      }),
    );
    pages += 1;
    for (const e of page.events ?? []) {
      if (lines.length >= w.maxLines) return { lines, truncated: true, pages };
      lines.push({ message: e.message ?? '', stream: e.logStreamName ?? '?', timestamp: e.timestamp ?? 0 });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { lines, truncated: false, pages };
}
