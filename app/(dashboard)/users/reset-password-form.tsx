"use client";

import { useActionState } from "react";
import { type ResetState, resetPasswordAction } from "./actions";

const initial: ResetState = { error: null, oneTimePassword: null };

export function ResetPasswordForm({
  userId,
  name,
}: {
  userId: number;
  name: string;
}) {
  const [state, action, pending] = useActionState(resetPasswordAction, initial);

  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className="underline">
        Reset password of {name}
      </button>
      <div aria-live="polite">
        {state.error ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {state.error}
          </p>
        ) : null}
        {state.oneTimePassword ? (
          <p className="mt-1 rounded-md bg-emerald-50 p-2 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50">
            New one-time password, shown only now:{" "}
            <code className="font-mono">{state.oneTimePassword}</code>. They
            must change it at their next sign-in.
          </p>
        ) : null}
      </div>
    </form>
  );
}
