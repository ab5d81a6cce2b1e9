"use client";

import { useActionState } from "react";
import { type RowState, reactivateAction } from "./actions";

const initial: RowState = { error: null };

export function ReactivateForm({
  userId,
  name,
}: {
  userId: number;
  name: string;
}) {
  const [state, action, pending] = useActionState(reactivateAction, initial);

  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className="underline">
        Reactivate {name}
      </button>
      {state.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
