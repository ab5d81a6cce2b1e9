"use client";

export default function RecoveryError({
  reset,
}: {
  error: Error;
  reset: () => void;
}) {
  return (
    <div
      role="alert"
      className="rounded-xl border border-red-200 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950"
    >
      <h1 className="text-lg font-semibold">
        The recovery figures could not be shown
      </h1>
      <p className="mt-1 text-sm">
        Something went wrong on our side while computing the figures; your data
        is unchanged. Try again, or pick a shorter period. If it keeps
        happening, an admin can find the details in the server log.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md bg-sky-700 px-3 py-1.5 text-sm text-white hover:bg-sky-800"
      >
        Try again
      </button>
    </div>
  );
}
