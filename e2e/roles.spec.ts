import { expect, type Page, test } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import { signIn } from "./fixtures/auth";
import { e2eAdmin } from "./fixtures/server";
import { type Account, createAccount } from "./fixtures/users";

// Each role signs in and sees what its job needs, and not more.
const navFor: Record<Role, { shown: string[]; hidden: string[] }> = {
  admin: {
    shown: ["Overview", "Sales", "Leads", "Import", "Users", "Audit log"],
    hidden: [],
  },
  sales_manager: {
    shown: ["Overview", "Sales", "Leads"],
    hidden: ["Import", "Users", "Audit log"],
  },
  marketer: {
    shown: ["Overview", "Sources", "Leads"],
    hidden: ["Import", "Users", "Audit log"],
  },
  executive: {
    shown: ["Overview", "Revenue", "Recovery"],
    hidden: ["Leads", "Import", "Users", "Audit log"],
  },
};

async function expectNav(page: Page, role: Role) {
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of navFor[role].shown)
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  for (const name of navFor[role].hidden)
    await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
}

test.describe.configure({ mode: "serial" });

const accounts = new Map<Role, Account>();

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  accounts.set("admin", { ...e2eAdmin, name: "Administrator", role: "admin" });
  for (const role of ["sales_manager", "marketer", "executive"] as const) {
    accounts.set(role, await createAccount(browser, role, "roles"));
  }
});

async function signInAs(page: Page, role: Role) {
  const account = accounts.get(role);
  if (!account) throw new Error(`no ${role} account`);
  await signIn(page, account);
}

test("an admin sees every page, the work queue and per-agent figures", async ({
  page,
}) => {
  await signInAs(page, "admin");
  await expectNav(page, "admin");
  await page.goto("/sales");
  await expect(
    page.getByRole("region", {
      name: "Work queue: today's leads that still wait",
    }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Follow-up compliance by agent" }),
  ).toBeVisible();
});

test("a sales manager sees the work queue and agents but no administration", async ({
  page,
}) => {
  await signInAs(page, "sales_manager");
  await expectNav(page, "sales_manager");
  await page.goto("/sales");
  await expect(
    page.getByRole("region", {
      name: "Work queue: today's leads that still wait",
    }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Follow-up compliance by agent" }),
  ).toBeVisible();
  await page.goto("/users");
  await expect(
    page.getByRole("heading", { name: "Not for your role" }),
  ).toBeVisible();
});

test("a marketer sees teams and sources but no agent figures and no work queue", async ({
  page,
}) => {
  await signInAs(page, "marketer");
  await expectNav(page, "marketer");
  await page.goto("/sales");
  await expect(
    page.getByRole("region", { name: "Follow-up compliance by team" }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Follow-up compliance by agent" }),
  ).toHaveCount(0);
  await expect(
    page.getByRole("region", {
      name: "Work queue: today's leads that still wait",
    }),
  ).toHaveCount(0);
  await expect(
    page.getByRole("form", { name: "Filters" }).getByText(/^Agents:/),
  ).toHaveCount(0);
  await page.goto("/import");
  await expect(
    page.getByRole("heading", { name: "Not for your role" }),
  ).toBeVisible();
});

test("an executive sees dashboards and totals but no lead lists", async ({
  page,
}) => {
  await signInAs(page, "executive");
  await expectNav(page, "executive");
  await page.goto("/revenue");
  await expect(
    page.getByRole("heading", { name: "Revenue", level: 1 }),
  ).toBeVisible();
  await page.goto("/leads");
  await expect(
    page.getByRole("heading", { name: "Not for your role" }),
  ).toBeVisible();
});
