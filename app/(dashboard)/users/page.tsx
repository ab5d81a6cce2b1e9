import type { Metadata } from "next";
import { RowActionButton } from "@/components/ui/row-action-button";
import { requirePageUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listUsers } from "@/lib/users/manage";
import { deactivateAction, reactivateAction } from "./actions";
import { InviteForm } from "./invite-form";
import { ResetPasswordForm } from "./reset-password-form";
import { RoleForm } from "./role-form";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageUser("manageUsers");
  const people = await listUsers(await getDb());

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <section
        aria-labelledby="users-heading"
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="users-heading" className="mb-3 font-medium">
          Everyone with an account
        </h2>
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-700">
              <th scope="col" className="py-2 pr-4 font-medium">
                Name
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                E-mail
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Role
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Status
              </th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr
                key={person.id}
                className="border-b border-slate-100 last:border-0 dark:border-slate-800"
              >
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  {person.name}
                </th>
                <td className="py-2 pr-4">{person.email}</td>
                <td className="py-2 pr-4">
                  {person.id === me.id || !person.active ? (
                    roleLabels[person.role]
                  ) : (
                    <RoleForm
                      userId={person.id}
                      name={person.name}
                      role={person.role}
                    />
                  )}
                </td>
                <td className="py-2 pr-4">
                  {person.active
                    ? person.mustChangePassword
                      ? "Must change password"
                      : "Active"
                    : "Deactivated"}
                </td>
                <td className="space-y-1 py-2">
                  {person.id === me.id ? null : person.active ? (
                    <>
                      <ResetPasswordForm
                        userId={person.id}
                        name={person.name}
                      />
                      <RowActionButton
                        action={deactivateAction}
                        field="userId"
                        value={person.id}
                        label={`Deactivate ${person.name}`}
                        danger
                      />
                    </>
                  ) : (
                    <RowActionButton
                      action={reactivateAction}
                      field="userId"
                      value={person.id}
                      label={`Reactivate ${person.name}`}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section
        aria-labelledby="invite-heading"
        className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="invite-heading" className="mb-3 font-medium">
          Invite a user
        </h2>
        <InviteForm />
      </section>
    </div>
  );
}
