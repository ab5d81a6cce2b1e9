import Link from "next/link";
import { signOutAction } from "@/app/(dashboard)/actions";
import { requirePageUser } from "@/lib/auth/session";
import { can, roleLabels } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getSettings } from "@/lib/settings";

export default async function DashboardLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const user = await requirePageUser("ownAccount");
  const settings = await getSettings(await getDb());
  const links = [
    { href: "/overview", label: "Overview", show: true },
    { href: "/sales", label: "Sales", show: true },
    { href: "/time-slots", label: "Time slots", show: true },
    { href: "/recovery", label: "Recovery", show: true },
    { href: "/sources", label: "Sources", show: true },
    { href: "/revenue", label: "Revenue", show: true },
    { href: "/leads", label: "Leads", show: can(user.role, "viewLeads") },
    { href: "/import", label: "Import", show: can(user.role, "importData") },
    { href: "/users", label: "Users", show: can(user.role, "manageUsers") },
    {
      href: "/settings",
      label: "Settings",
      show: can(user.role, "manageSettings"),
    },
    {
      href: "/settings/dispositions",
      label: "Dispositions",
      show: can(user.role, "manageSettings"),
    },
    {
      href: "/api-keys",
      label: "API keys",
      show: can(user.role, "manageApiKeys"),
    },
    {
      href: "/audit",
      label: "Audit log",
      show: can(user.role, "viewAuditLog"),
    },
    { href: "/account", label: "Account", show: true },
  ];

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/overview" className="text-lg font-semibold">
            Reachboard
          </Link>
          <nav
            aria-label="Main"
            className="order-last flex w-full gap-4 overflow-x-auto pb-1 text-sm whitespace-nowrap lg:order-none lg:w-auto"
          >
            {links
              .filter((link) => link.show)
              .map((link) => (
                <Link
                  key={link.href}
                  href={link.href}
                  className="hover:underline"
                >
                  {link.label}
                </Link>
              ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600 dark:text-slate-400">
              {user.name} · {roleLabels[user.role]}
            </span>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      {settings.isDemo ? (
        <p className="bg-amber-100 px-4 py-2 text-center text-sm text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
          You are looking at generated demo data for {settings.organisationName}
          , not at real leads.
        </p>
      ) : null}
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
