import type { Database } from "@/lib/db";
import { answer, type ApiResult, authenticateKey, parseJsonBody } from "./http";
import { ingestAttempts, ingestLeads } from "./ingest";

/** What a route handler reads from its request before the core runs. */
export type JsonRequest = {
  authorization: string | null;
  contentType: string | null;
  text: string;
};

export async function readJsonRequest(request: Request): Promise<JsonRequest> {
  return {
    authorization: request.headers.get("authorization"),
    contentType: request.headers.get("content-type"),
    text: await request.text(),
  };
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
    const body = parseJsonBody(request.contentType, request.text);

    return ingestAttempts(db, caller, body);
  });
}
