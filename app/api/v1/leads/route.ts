import { postLeads, readJsonRequest } from "@/lib/api/routes";
import { toResponse } from "@/lib/api/http";
import { getDb } from "@/lib/db";

/** Upserts a batch of leads; see docs/api.md. */
export async function POST(request: Request) {
  const parsed = await readJsonRequest(request);

  const result = await postLeads(await getDb(), parsed);

  return toResponse(result);
}
