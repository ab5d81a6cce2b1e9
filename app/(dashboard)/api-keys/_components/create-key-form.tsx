"use client";

import { useActionState } from "react";
import { roleLabels, roles } from "@/lib/auth/roles";
import { type CreateKeyState, createKeyAction } from "../actions";

const initial: CreateKeyState = { status: "idle" };
const input =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900";

export function CreateKeyForm() {
  const [state, action, pending] = useActionState(createKeyAction, initial);
  const nameError = state.status === "error" ? state.fields.name : undefined;

  return (
    <form
      action={action}
      className="grid max-w-xl gap-3"
      aria-label="Create an API key"
    >
      <label className="grid gap-1 text-sm">
        <span className="font-medium">Name</span>
        <input
          name="name"
          required
          maxLength={100}
          className={input}
          aria-invalid={Boolean(nameError)}
          aria-describedby="key-name-error"
        />
        <span id="key-name-error" className="text-red-700 dark:text-red-400">
          {nameError}
        </span>
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">Role</span>
        <select name="role" className={input} defaultValue="marketer">
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
        <span className="text-slate-600 dark:text-slate-400">
          The key reads what this role may see. Only admin keys may write leads
          and attempts.
        </span>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-fit rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60"
      >
        Create key
      </button>
      <div aria-live="polite" className="text-sm">
        {state.status === "error" ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {state.message}
          </p>
        ) : null}
        {state.status === "done" ? (
          <p className="rounded-md bg-emerald-50 p-3 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50">
            Key {state.name} created. Copy it now; it is shown only once:{" "}
            <code className="font-mono break-all" data-testid="api-key-secret">
              {state.secret}
            </code>
          </p>
        ) : null}
      </div>
    </form>
  );
}
