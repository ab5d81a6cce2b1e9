"use client";

import type { UploadProgress } from "./send-import";

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** What the upload is doing now. Only sending has a known end, so only it
 * shows a share; the server's stages show a bar without a value. */
export function UploadProgressView({
  progress,
  fileName,
}: {
  progress: UploadProgress;
  fileName: string;
}) {
  const label =
    progress.stage === "sending"
      ? `Sending ${fileName}: ${megabytes(progress.sent)} of ${megabytes(progress.total)}`
      : progress.stage === "reading"
        ? progress.rows === 0
          ? "Reading the file"
          : `Reading the file: ${progress.rows.toLocaleString("en-GB")} rows read`
        : progress.stage === "writing"
          ? "Writing the records to the database"
          : "Updating the figures";

  return (
    <section
      aria-label="Import progress"
      className="grid max-w-xl gap-1 text-sm"
    >
      <p>{label}</p>
      {progress.stage === "sending" && progress.total > 0 ? (
        <progress
          aria-label="Upload"
          max={progress.total}
          value={progress.sent}
          className="w-full"
        />
      ) : (
        <progress aria-label="Working on the server" className="w-full" />
      )}
    </section>
  );
}
