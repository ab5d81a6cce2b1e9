import type { Database } from "@/lib/db";
import { answer, type ApiResult, authenticateKey, parseJsonBody } from "./http";
import type { SearchParams } from "@/lib/filters/url";
import { ingestAttempts, ingestLeads } from "./ingest";
import { readLimitedText, rejectDeclaredLength } from "./read-body";
import { readLeadList } from "./leads";
import { figureNames, readFigure } from "./metrics";

/** What a route handler passes on from its request. The body stays a
 * stream: it is read only after the key is accepted, and only up to
 * maxBodyBytes. Callers in the same process (the benchmark) may pass the
 * text itself. */
export type JsonRequest = {
  authorization: string | null;
  contentType: string | null;
} & (
  | { contentLength: string | null; body: ReadableStream<Uint8Array> | null }
  | { text: string }
);

// 1,000 items of a few hundred bytes each fit well within this.
export const maxBodyBytes = 5_000_000;

export function toJsonRequest(request: Request): JsonRequest {
  return {
    authorization: request.headers.get("authorization"),
    contentType: request.headers.get("content-type"),
    contentLength: request.headers.get("content-length"),
    body: request.body,
  };
}

async function readJsonBody(request: JsonRequest): Promise<unknown> {
  let text;
  if ("text" in request) {
    rejectDeclaredLength(String(Buffer.byteLength(request.text)), maxBodyBytes);
    text = request.text;
  } else {
    rejectDeclaredLength(request.contentLength, maxBodyBytes);
    text = await readLimitedText(request.body, maxBodyBytes);
  }

  return parseJsonBody(request.contentType, text);
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
    const body = await readJsonBody(request);

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
    const body = await readJsonBody(request);

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
