/** One JSON line per event, so logs can be searched by field (activity id, conversation id, user...). */
type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

type Level = 'info' | 'warn' | 'error';

/**
 * `traceIds` gives the active span's trace and span id (telemetry on), so a turn's log lines can be found from its
 * trace and the other way round; off, it is absent and logging knows nothing of telemetry.
 */
export function createJsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  traceIds?: () => { traceId: string; spanId: string } | undefined,
): Logger {
  const log = (level: Level, message: string, fields: LogFields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...traceIds?.(), ...serializeErrors(fields) }));
  return {
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** Errors do not survive JSON.stringify; keep their name, message, stack and cause. */
function serializeErrors(fields: LogFields): LogFields {
  const result: LogFields = {};
  for (const [key, value] of Object.entries(fields)) result[key] = value instanceof Error ? describeError(value) : value;
  return result;
}

function describeError(error: Error): LogFields {
  const cause = (error as { cause?: unknown }).cause;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(cause instanceof Error ? { cause: describeError(cause) } : {}),
  };
}

/** For tests and benchmarks: keeps entries in memory. */
export function createMemoryLogger(): Logger & { entries: Array<{ level: Level; message: string; fields: LogFields }> } {
  const entries: Array<{ level: Level; message: string; fields: LogFields }> = [];
  return {
    entries,
    info: (message, fields = {}) => entries.push({ level: 'info', message, fields }),
    warn: (message, fields = {}) => entries.push({ level: 'warn', message, fields }),
    error: (message, fields = {}) => entries.push({ level: 'error', message, fields }),
  };
}
