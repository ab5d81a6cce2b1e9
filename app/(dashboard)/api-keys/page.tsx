import type { Metadata } from "next";
import { RowActionButton } from "@/components/ui/row-action-button";
import { listApiKeys } from "@/lib/api-keys";
import { requirePageUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { CreateKeyForm } from "./_components/create-key-form";
import { revokeKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePageUser("manageApiKeys");
  const db = await getDb();
  const [keys, settings] = await Promise.all([
    listApiKeys(db),
    getSettings(db),
  ]);
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: settings.reportTimezone,
  });
  const when = (date: Date | null) => (date ? format.format(date) : "Never");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">API keys</h1>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        Outside systems call the REST API with a key in the header{" "}
        <code className="font-mono">Authorization: Bearer rb_live_…</code>. A
        key acts with the role chosen at creation. Reachboard keeps only a hash
        of it: the key is shown once, when it is created. The API is described
        at{" "}
        <a className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <section
        aria-labelledby="keys-heading"
        className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="keys-heading" className="mb-3 font-medium">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm">No key yet.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-700">
                {[
                  "Name",
                  "Starts with",
                  "Role",
                  "Created",
                  "Created by",
                  "Last used",
                  "Status",
                ].map((label) => (
                  <th key={label} scope="col" className="py-2 pr-4 font-medium">
                    {label}
                  </th>
                ))}
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr
                  key={key.id}
                  className="border-b border-slate-100 last:border-0 dark:border-slate-800"
                >
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    {key.name}
                  </th>
                  <td className="py-2 pr-4 font-mono">{key.prefix}…</td>
                  <td className="py-2 pr-4">{roleLabels[key.role]}</td>
                  <td className="py-2 pr-4">{when(key.createdAt)}</td>
                  <td className="py-2 pr-4">
                    {key.createdBy ?? "A removed user"}
                  </td>
                  <td className="py-2 pr-4">{when(key.lastUsedAt)}</td>
                  <td className="py-2 pr-4">
                    {key.revokedAt
                      ? `Revoked ${when(key.revokedAt)}`
                      : "Active"}
                  </td>
                  <td className="py-2">
                    {key.revokedAt ? null : (
                      <RowActionButton
                        action={revokeKeyAction}
                        field="keyId"
                        value={key.id}
                        label={`Revoke ${key.name}`}
                        danger
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section
        aria-labelledby="create-heading"
        className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="create-heading" className="mb-3 font-medium">
          Create a key
        </h2>
        <CreateKeyForm />
      </section>
    </div>
  );
}
