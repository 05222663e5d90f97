/** An API failure as the UI shows it: the server's error code and its human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The message to show for any error thrown by the API layer. */
export const errorMessage = (e: unknown): string =>
  e instanceof ApiError || e instanceof Error ? e.message : 'Something went wrong.';
