/** How a failed Azure SDK call says what went wrong, read in one place for every backend and the state store. */

/**
 * The HTTP status of an Azure SDK RestError, or undefined for anything else (a network failure, a bug). Checked by
 * name, as `isRestError` does: the storage and core packages may each bring their own copy of the class.
 */
export function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'RestError') return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

interface CustomVisionRestError {
  statusCode?: number;
  code?: string;
  body?: { code?: string; message?: string; error?: { code?: string; message?: string } };
}

/**
 * The HTTP status and the service's error code (a CustomVisionError's `code`, or the gateway's `error.code`) of a
 * Custom Vision SDK failure. Those SDKs use ms-rest-js, whose RestError keeps the name `Error`: read by shape.
 */
export function customVisionCode(error: unknown): { status?: number; code: string } {
  const rest = error as CustomVisionRestError;
  return { status: rest.statusCode, code: rest.body?.code ?? rest.body?.error?.code ?? rest.code ?? '' };
}
