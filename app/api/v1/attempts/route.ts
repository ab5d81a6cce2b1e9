import { postAttempts, toJsonRequest } from "@/lib/api/routes";
import { toResponse } from "@/lib/api/http";
import { getDb } from "@/lib/db";

/** Upserts a batch of attempts; see docs/api.md. */
export async function POST(request: Request) {
  const parsed = toJsonRequest(request);

  const result = await postAttempts(await getDb(), parsed);

  return toResponse(result);
}
