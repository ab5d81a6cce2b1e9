import type { ImportStage, ImportState } from "./import-request";

/** How far an upload has got, as the page shows it. */
export type UploadProgress =
  { stage: "sending"; sent: number; total: number } | ImportStage;

/**
 * Posts the form to the upload endpoint with XMLHttpRequest, which reports
 * the bytes sent (fetch cannot), then reads the endpoint's JSON lines as
 * they arrive: stages, then the outcome.
 */
export function sendImport(
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Promise<ImportState> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    let read = 0;
    let outcome: ImportState | null = null;

    const readLines = () => {
      const text = request.responseText;
      const end = text.lastIndexOf("\n") + 1;
      for (const line of text.slice(read, end).split("\n")) {
        if (line.trim() === "") continue;
        const message = JSON.parse(line) as ImportStage | { done: ImportState };
        if ("done" in message) outcome = message.done;
        else onProgress(message);
      }
      read = end;
    };

    request.upload.onprogress = (event) => {
      if (event.lengthComputable)
        onProgress({
          stage: "sending",
          sent: event.loaded,
          total: event.total,
        });
    };
    request.onprogress = () => {
      if (request.status === 200) readLines();
    };
    request.onload = () => {
      if (request.status !== 200) {
        resolve(readError(request.responseText));

        return;
      }
      readLines();
      resolve(
        outcome ?? {
          status: "error",
          message: "The server stopped before it finished the import.",
        },
      );
    };
    request.onerror = () =>
      resolve({
        status: "error",
        message: "The upload did not reach the server. Try again.",
      });

    request.open("POST", "/import/upload");
    request.send(form);
  });
}

function readError(text: string): ImportState {
  try {
    const body = JSON.parse(text) as { message?: string };
    if (body.message) return { status: "error", message: body.message };
  } catch {
    // Not JSON: a proxy or the platform answered; say it plainly.
  }

  return { status: "error", message: "The server refused the upload." };
}
