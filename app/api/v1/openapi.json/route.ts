import { buildOpenApiDocument } from "@/lib/api/openapi";

/** The API's description. Public: it holds no data, only the shapes. */
export function GET() {
  return Response.json(buildOpenApiDocument());
}
