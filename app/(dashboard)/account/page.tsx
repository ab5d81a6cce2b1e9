import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/roles";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("ownAccount");

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {user.name} · {roleLabels[user.role]}
      </p>
      {user.mustChangePassword ? (
        <p
          role="status"
          className="rounded-md bg-amber-100 p-3 text-sm text-amber-950 dark:bg-amber-900/40 dark:text-amber-50"
        >
          You signed in with a one-time password. Choose your own password to
          continue.
        </p>
      ) : null}
      <h2 className="font-medium">Change your password</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        You will be signed out everywhere and sign in again with the new
        password.
      </p>
      <PasswordForm />
    </div>
  );
}
