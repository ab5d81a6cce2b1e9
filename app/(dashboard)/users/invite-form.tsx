"use client";

import { useActionState } from "react";
import { roleLabels, roles } from "@/lib/auth/roles";
import { type InviteState, inviteAction } from "./actions";

const initial: InviteState = { status: "idle" };
const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";

export function InviteForm() {
  const [state, action, pending] = useActionState(inviteAction, initial);
  const fieldError = (name: string) =>
    state.status === "error" ? state.fields[name] : undefined;

  return (
    <form
      action={action}
      className="grid max-w-xl gap-3"
      aria-label="Invite a user"
    >
      <label className="grid gap-1 text-sm">
        <span className="font-medium">E-mail</span>
        <input
          name="email"
          type="email"
          required
          className={input}
          aria-invalid={Boolean(fieldError("email"))}
          aria-describedby="invite-email-error"
        />
        <span
          id="invite-email-error"
          className="text-red-700 dark:text-red-400"
        >
          {fieldError("email")}
        </span>
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">Name</span>
        <input
          name="name"
          required
          className={input}
          aria-invalid={Boolean(fieldError("name"))}
          aria-describedby="invite-name-error"
        />
        <span id="invite-name-error" className="text-red-700 dark:text-red-400">
          {fieldError("name")}
        </span>
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">Role</span>
        <select name="role" className={input} defaultValue="sales_manager">
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-fit rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        Invite
      </button>
      <div aria-live="polite" className="text-sm">
        {state.status === "error" ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {state.message}
          </p>
        ) : null}
        {state.status === "done" ? (
          <p className="rounded-md bg-emerald-50 p-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50">
            Invited {state.email}. One-time password, shown only now:{" "}
            <code className="font-mono" data-testid="one-time-password">
              {state.oneTimePassword}
            </code>
            . They must change it at first sign-in.
          </p>
        ) : null}
      </div>
    </form>
  );
}
