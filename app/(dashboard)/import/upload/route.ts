import { isCrossSiteRequest } from "@/lib/auth/same-origin";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { type ImportStage, runImportRequest } from "../import-request";

/** The largest upload the page takes; larger files go through the import
 * command, which streams them from disk. */
const maxUploadBytes = 200_000_000;

/**
 * The upload form's own endpoint, so that the page can show progress: the
 * browser sees its bytes go out, then this answers with one JSON line per
 * stage the server reaches and a last line with the outcome. A server
 * action could say nothing until the end.
 */
export async function POST(request: Request) {
  // The session cookie alone would let another site's form post here.
  if (isCrossSiteRequest(request.headers, env.REACHBOARD_TRUST_PROXY === "on"))
    return Response.json(
      { status: "error", message: "Uploads are accepted from this site only." },
      { status: 403 },
    );
  // The role first: the body (up to the upload limit) is read only for
  // someone who may import, not held in memory for anyone signed in.
  let user;
  try {
    user = await requireUser("importData");
  } catch (error) {
    const described = describeError(error);

    return Response.json(
      { status: "error", message: described.message },
      { status: described.status },
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "");
  if (!Number.isFinite(declared) || declared <= 0)
    return Response.json(
      { status: "error", message: "The upload must state its length." },
      { status: 411 },
    );
  if (declared > maxUploadBytes)
    return Response.json(
      {
        status: "error",
        message: `The file is larger than ${maxUploadBytes / 1_000_000} MB; import it with npm run import instead.`,
      },
      { status: 413 },
    );
  const form = await request.formData().catch(() => null);
  if (!form)
    return Response.json(
      { status: "error", message: "The upload is not a form." },
      { status: 400 },
    );

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ImportStage | { done: unknown }) =>
        controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      send({ stage: "reading", rows: 0 });
      const state = await runImportRequest(user, form, send).catch(
        (error: unknown) => ({
          status: "error" as const,
          message: describeError(error).message,
        }),
      );
      send({ done: state });
      controller.close();
    },
  });

  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
