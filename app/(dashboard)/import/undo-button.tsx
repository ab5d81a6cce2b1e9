"use client";

import { useActionState } from "react";
import { type UndoState, undoImportAction } from "./actions";

const idle: UndoState = { status: "idle" };

/** Undoes one run after the user confirms it. */
export function UndoButton({
  importId,
  fileName,
}: {
  importId: number;
  fileName: string;
}) {
  const [state, action, pending] = useActionState(undoImportAction, idle);

  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm(`Remove every record ${fileName} inserted?`))
          event.preventDefault();
      }}
      className="flex flex-wrap items-center gap-2"
    >
      <input type="hidden" name="importId" value={importId} />
      <button
        type="submit"
        disabled={pending}
        className="text-red-700 underline dark:text-red-400"
      >
        {pending ? "Undoing…" : `Undo import ${importId}`}
      </button>
      {state.status === "idle" ? null : (
        <span role="status">{state.message}</span>
      )}
    </form>
  );
}
