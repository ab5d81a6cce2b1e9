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

  return { code: "internal", status: 500, message: plainSentence.internal };
}

export function userMessage(code: ErrorCode): string {
  return plainSentence[code];
}
