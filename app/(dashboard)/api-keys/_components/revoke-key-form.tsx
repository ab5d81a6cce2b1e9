"use client";

import { useActionState } from "react";
import { type RevokeState, revokeKeyAction } from "../actions";

const initial: RevokeState = { error: null };

export function RevokeKeyForm({
  keyId,
  name,
}: {
  keyId: number;
  name: string;
}) {
  const [state, action, pending] = useActionState(revokeKeyAction, initial);

  return (
    <form action={action}>
      <input type="hidden" name="keyId" value={keyId} />
      <button
        type="submit"
        disabled={pending}
        className="text-red-700 underline dark:text-red-400"
      >
        Revoke {name}
      </button>
      {state.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
