"use client";

import { useActionState } from "react";
import { type Role, roleLabels, roles } from "@/lib/auth/roles";
import { type RowState, changeRoleAction } from "./actions";

const initial: RowState = { error: null };

export function RoleForm({
  userId,
  name,
  role,
}: {
  userId: number;
  name: string;
  role: Role;
}) {
  const [state, action, pending] = useActionState(changeRoleAction, initial);

  return (
    <form action={action} className="flex flex-wrap gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        aria-label={`Role of ${name}`}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
      >
        {roles.map((option) => (
          <option key={option} value={option}>
            {roleLabels[option]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="underline">
        Change
      </button>
      {state.error ? (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
