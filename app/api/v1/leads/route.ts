import { getLeads, postLeads, toJsonRequest } from "@/lib/api/routes";
import { toResponse } from "@/lib/api/http";
import { getDb } from "@/lib/db";
import { readSearchParams } from "@/lib/filters/url";

/** Upserts a batch of leads; see docs/api.md. */
export async function POST(request: Request) {
  const parsed = toJsonRequest(request);

  const result = await postLeads(await getDb(), parsed);

  return toResponse(result);
}

/** One page of a lead set, contact data masked by the key's role. */
export async function GET(request: Request) {
  const authorization = request.headers.get("authorization");

  const result = await getLeads(
    await getDb(),
    { authorization },
    readSearchParams(request.url),
  );

  return toResponse(result);
}
