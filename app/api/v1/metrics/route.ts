import { toResponse } from "@/lib/api/http";
import { listFigures } from "@/lib/api/routes";
import { getDb } from "@/lib/db";

/** The names of the figures GET /api/v1/metrics/<figure> answers. */
export async function GET(request: Request) {
  const authorization = request.headers.get("authorization");

  const result = await listFigures(await getDb(), { authorization });

  return toResponse(result);
}
