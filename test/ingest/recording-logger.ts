import type { IngestLogger } from '../../src/ingest/article-change.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data: Record<string, unknown>;
}

/** A logger that records every call, so tests can wait for and assert on what was logged. */
export function recordingLogger(): IngestLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record = (level: LogEntry['level']) => (data: object, message: string) => {
    entries.push({ level, message, data: data as Record<string, unknown> });
  };
  return { entries, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
