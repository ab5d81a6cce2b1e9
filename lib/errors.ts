export type ErrorCode =
  | "not_found"
  | "forbidden"
  | "unauthenticated"
  | "invalid_input"
  | "conflict"
  | "internal";

/** An error whose message is safe to show: it names no secret and no
 * personal data. Anything else is reported as `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

const httpStatus: Record<ErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  unauthenticated: 401,
  invalid_input: 400,
  conflict: 409,
  internal: 500,
};

const plainSentence: Record<ErrorCode, string> = {
  not_found: "We could not find what you asked for.",
  forbidden: "Your role does not give access to this.",
  unauthenticated: "Please sign in first.",
  invalid_input: "Some of the input is not valid.",
  conflict: "This conflicts with something that already exists.",
  internal: "Something went wrong on our side. Please try again.",
};

// A write that met another one: a row it refers to was deleted by a
// transaction that committed first (23503, a foreign key), or the
// database ended it to break a deadlock (40P01) or a serialization
// conflict (40001). Nothing of it was written, and the same request
// succeeds once the other change is done.
const concurrentWriteStates = new Set(["23503", "40P01", "40001"]);

const concurrentWrite =
  "Another change to the same records was being written at the same " +
  "time, so nothing of this one was. Please send it again.";

/** The status and the sentence a user sees for any thrown value. */
export function describeError(error: unknown): {
  code: ErrorCode;
  status: number;
  message: string;
} {
  if (error instanceof AppError) {
    return {
      code: error.code,
      status: httpStatus[error.code],
      message: error.message,
    };
  }
  if (concurrentWriteStates.has(sqlStateOf(error) ?? "")) {
    return { code: "conflict", status: 409, message: concurrentWrite };
  }

  return { code: "internal", status: 500, message: plainSentence.internal };
}

export function userMessage(code: ErrorCode): string {
  return plainSentence[code];
}

/** What a log line may say about a thrown value. */
export type LoggedError = { name: string; code?: string; message?: string };

/**
 * A thrown value for the log: its name, the SQLSTATE of a database error
 * (on it or on its cause), and the message only of an AppError, whose
 * message is safe by definition. A failed query's message, text and
 * parameters quote what was searched or written, phones and e-mails among
 * it, so none of them is kept.
 */
export function describeErrorForLog(error: unknown): LoggedError {
  if (error instanceof AppError) {
    return { name: error.name, code: error.code, message: error.message };
  }
  if (!(error instanceof Error)) return { name: typeof error };
  const code = sqlStateOf(error);

  return code ? { name: error.name, code } : { name: error.name };
}

/** The SQLSTATE of a database error, on it or on the cause a driver or
 * Drizzle wraps it in. */
export function sqlStateOf(error: unknown): string | undefined {
  return (
    sqlState(error) ?? sqlState((error as { cause?: unknown } | null)?.cause)
  );
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;

  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)
    ? code
    : undefined;
}
