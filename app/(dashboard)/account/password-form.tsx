"use client";

import { useActionState } from "react";
import { type PasswordState, changePasswordAction } from "./actions";

const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";

export function PasswordForm() {
  const [state, action, pending] = useActionState<PasswordState, FormData>(
    changePasswordAction,
    { error: null },
  );

  return (
    <form action={action} className="grid max-w-sm gap-3">
      <label className="grid gap-1 text-sm">
        <span className="font-medium">Current password</span>
        <input
          name="current"
          type="password"
          autoComplete="current-password"
          required
          className={input}
        />
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">
          New password (at least 12 characters)
        </span>
        <input
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          className={input}
        />
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">New password again</span>
        <input
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          className={input}
        />
      </label>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-fit rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        Change password
      </button>
    </form>
  );
}
