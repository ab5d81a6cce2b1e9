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
export type LoggedError = { kind: string; code?: string; message?: string };

// The errors JavaScript itself throws keep their names in the production
// build; the minifier renames every other class (a failed Drizzle query is
// logged as "d"), so those are told apart by what they carry instead.
const builtInErrors = new Set([
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "URIError",
  "EvalError",
  "AggregateError",
]);

/**
 * A thrown value for the log: a kind that reads the same in every build
 * (app, database, system, a built-in error's name, or other), with the
 * SQLSTATE of a database error or the code of a system error (such as
 * ECONNREFUSED), on it or on its cause, and the message only of an
 * AppError, whose message is safe by definition. A failed query's message,
 * text and parameters quote what was searched or written, phones and
 * e-mails among it, so none of them is kept.
 */
export function describeErrorForLog(error: unknown): LoggedError {
  if (error instanceof AppError) {
    return { kind: "app", code: error.code, message: error.message };
  }
  if (!(error instanceof Error)) return { kind: typeof error };
  const sqlState = sqlStateOf(error);
  if (sqlState) return { kind: "database", code: sqlState };
  const systemCode = systemCodeOf(error);
  if (systemCode) return { kind: "system", code: systemCode };

  return { kind: builtInErrors.has(error.name) ? error.name : "other" };
}

// Node's code for a failed call to the system, as a refused or reset
// connection to the database: ECONNREFUSED, ETIMEDOUT.
function systemCodeOf(error: Error): string | undefined {
  for (const candidate of [error, error.cause]) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === "string" && /^E[A-Z0-9_]{2,}$/.test(code)) return code;
  }

  return undefined;
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
