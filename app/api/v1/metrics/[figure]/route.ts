import { toResponse } from "@/lib/api/http";
import { getFigure } from "@/lib/api/routes";
import { readSearchParams } from "@/lib/filters/url";
import { getDb } from "@/lib/db";

/** One figure for the filter of the query string; see docs/api.md. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ figure: string }> },
) {
  const { figure } = await params;
  const authorization = request.headers.get("authorization");

  const result = await getFigure(
    await getDb(),
    { authorization },
    figure,
    readSearchParams(request.url),
  );

  return toResponse(result);
}
