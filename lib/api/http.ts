import type { Capability } from "@/lib/auth/roles";
import { can } from "@/lib/auth/roles";
import { type ApiKeyCaller, findApiKeyCaller } from "@/lib/api-keys";
import type { Database } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { createLogger } from "@/lib/log";

const log = createLogger("api");

/** What a route handler sends: the core functions return this, so tests
 * call them without an HTTP server. */
export type ApiResult = { status: number; body: unknown };

export type ApiErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "invalid_json"
  | "invalid_body"
  | "invalid_query"
  | "unsupported_media_type"
  | "payload_too_large"
  | "invalid_items"
  | "not_found"
  | "not_configured"
  | "internal";

/** An answer that is not a success, thrown by any step and turned into a
 * JSON body `{ error: { code, message } }` in one place. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function toErrorResult(error: unknown): ApiResult {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: {
        error: { code: error.code, message: error.message },
        ...error.details,
      },
    };
  }
  const described = describeError(error);
  // The logger keeps the error's kind and SQLSTATE; its message may quote
  // data.
  if (described.status >= 500) log.error("api request failed", { error });

  return {
    status: described.status,
    body: { error: { code: described.code, message: described.message } },
  };
}

/** Runs the steps of one request and turns what they throw into an answer. */
export async function answer(
  run: () => Promise<ApiResult>,
): Promise<ApiResult> {
  try {
    return await run();
  } catch (error) {
    return toErrorResult(error);
  }
}

export function toResponse(result: ApiResult): Response {
  return Response.json(result.body, {
    status: result.status,
    headers: { "cache-control": "no-store" },
  });
}

/** The key of an `Authorization: Bearer <key>` header, checked against the
 * stored keys and the capability the endpoint needs. */
export async function authenticateKey(
  db: Database,
  authorization: string | null,
  capability: Capability,
): Promise<ApiKeyCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    throw new ApiError(
      401,
      "unauthenticated",
      "Send an API key as Authorization: Bearer <key>.",
    );
  }
  const caller = await findApiKeyCaller(db, match[1]);
  if (!caller) {
    throw new ApiError(
      401,
      "unauthenticated",
      "The API key is not valid or has been revoked.",
    );
  }
  if (!can(caller.role, capability)) {
    throw new ApiError(
      403,
      "forbidden",
      "This key's role does not give access to this endpoint.",
    );
  }

  return caller;
}

/** The parsed JSON of a request body that must be `application/json`. */
export function parseJsonBody(
  contentType: string | null,
  text: string,
): unknown {
  requireMediaType(
    contentType,
    "application/json",
    "Send the body as Content-Type: application/json.",
  );

  return parseJsonText(text);
}

/** Refuses with 415 a body whose declared media type (parameters such as
 * the charset aside) is not `expected`. */
export function requireMediaType(
  contentType: string | null,
  expected: string,
  message: string,
): void {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type !== expected)
    throw new ApiError(415, "unsupported_media_type", message);
}

/** A body's JSON, or 400 when it is none. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
  }
}
