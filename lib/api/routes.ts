import type { Database } from "@/lib/db";
import {
  answer,
  ApiError,
  type ApiResult,
  authenticateKey,
  parseJsonBody,
} from "./http";
import type { SearchParams } from "@/lib/filters/url";
import { ingestAttempts, ingestLeads } from "./ingest";
import { readLeadList } from "./leads";
import { figureNames, readFigure } from "./metrics";

/** What a route handler reads from its request before the core runs. */
export type JsonRequest = {
  authorization: string | null;
  contentType: string | null;
  text: string;
  tooLarge?: boolean;
};

// 1,000 items of a few hundred bytes each fit well within this.
export const maxBodyBytes = 5_000_000;

/** Reads the request, refusing to read a body declared larger than
 * maxBodyBytes: the request then answers 413. */
export async function readJsonRequest(request: Request): Promise<JsonRequest> {
  const length = Number(request.headers.get("content-length") ?? 0);

  return {
    authorization: request.headers.get("authorization"),
    contentType: request.headers.get("content-type"),
    text: length > maxBodyBytes ? "" : await request.text(),
    tooLarge: length > maxBodyBytes,
  };
}

function rejectLargeBody(request: JsonRequest) {
  if (!request.tooLarge) return;
  throw new ApiError(
    413,
    "payload_too_large",
    `A request body is at most ${maxBodyBytes} bytes. Split it into smaller batches.`,
  );
}

/** POST /api/v1/leads. Writing takes an admin key (capability importData). */
export function postLeads(
  db: Database,
  request: JsonRequest,
): Promise<ApiResult> {
  return answer(async () => {
    const caller = await authenticateKey(
      db,
      request.authorization,
      "importData",
    );
    rejectLargeBody(request);
    const body = parseJsonBody(request.contentType, request.text);

    return ingestLeads(db, caller, body);
  });
}

/** POST /api/v1/attempts. Writing takes an admin key (capability importData). */
export function postAttempts(
  db: Database,
  request: JsonRequest,
): Promise<ApiResult> {
  return answer(async () => {
    const caller = await authenticateKey(
      db,
      request.authorization,
      "importData",
    );
    rejectLargeBody(request);
    const body = parseJsonBody(request.contentType, request.text);

    return ingestAttempts(db, caller, body);
  });
}

/** GET /api/v1/metrics/<figure>. Any key may read (viewDashboards). */
export function getFigure(
  db: Database,
  request: { authorization: string | null },
  figure: string,
  params: SearchParams,
): Promise<ApiResult> {
  return answer(async () => {
    const caller = await authenticateKey(
      db,
      request.authorization,
      "viewDashboards",
    );

    return readFigure(db, caller, figure, params);
  });
}

/** GET /api/v1/metrics: the names of the figures. */
export function listFigures(
  db: Database,
  request: { authorization: string | null },
): Promise<ApiResult> {
  return answer(async () => {
    await authenticateKey(db, request.authorization, "viewDashboards");

    return { status: 200, body: { figures: figureNames } };
  });
}

/** The query string as the page filter reads it: repeated keys as lists. */
export function readSearchParams(url: string): SearchParams {
  const params: SearchParams = {};
  for (const [key, value] of new URL(url).searchParams) {
    const known = params[key];
    params[key] =
      known === undefined
        ? value
        : Array.isArray(known)
          ? [...known, value]
          : [known, value];
  }

  return params;
}

/** GET /api/v1/leads: keys whose role may list leads (viewLeads). */
export function getLeads(
  db: Database,
  request: { authorization: string | null },
  params: SearchParams,
): Promise<ApiResult> {
  return answer(async () => {
    const caller = await authenticateKey(
      db,
      request.authorization,
      "viewLeads",
    );

    return readLeadList(db, caller, params);
  });
}
