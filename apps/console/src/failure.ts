/**
 * A failure the console shows the user: `code` is the graph's `extensions.code` or one of the
 * console's own (UNREACHABLE, BAD_RESPONSE, DOWNLOAD_FAILED, ...), `message` the English detail.
 * i18n/errors.ts turns the code into the user's language.
 */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
