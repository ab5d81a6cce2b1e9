import type { FormState } from "../actions";

/** A settings form's state before its first save. */
export function idleForm<Values>(): FormState<Values> {
  return { status: "idle", message: "", fields: {}, values: null, stamp: 0 };
}

/** The look of the settings forms' text fields. */
export const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";

/** A settings form's save button and the answer to its last save. */
export function SaveFooter({
  label,
  pending,
  state,
}: {
  label: string;
  pending: boolean;
  state: { status: "idle" | "error" | "done"; message: string };
}) {
  return (
    <>
      <button
        type="submit"
        disabled={pending}
        className="w-fit rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        {pending ? "Saving…" : label}
      </button>
      <div aria-live="polite" className="text-sm">
        {state.status === "error" ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {state.message}
          </p>
        ) : null}
        {state.status === "done" ? (
          <p
            role="status"
            className="rounded-md bg-emerald-50 p-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50"
          >
            {state.message}
          </p>
        ) : null}
      </div>
    </>
  );
}
