import http from "node:http";
import { type APIRequestContext, expect, test } from "@playwright/test";
import type { Role } from "@/lib/auth/roles";
import { signIn } from "./fixtures/auth";
import { e2eAdmin } from "./fixtures/server";
import { type Account, createAccount } from "./fixtures/users";

// Direct HTTP requests, as a script would send them: the server must check
// the session and the role itself, whatever the proxy or the UI do.
type Who = "nobody" | Role;
type Expected = 200 | 403 | "sign-in";

const everyone: Record<Who, Expected> = {
  nobody: "sign-in",
  admin: 200,
  sales_manager: 200,
  marketer: 200,
  executive: 200,
};
const adminOnly: Record<Who, Expected> = {
  nobody: "sign-in",
  admin: 200,
  sales_manager: 403,
  marketer: 403,
  executive: 403,
};
const notExecutive: Record<Who, Expected> = { ...everyone, executive: 403 };

const table: { path: string; expected: Record<Who, Expected> }[] = [
  { path: "/overview", expected: everyone },
  { path: "/sales", expected: everyone },
  { path: "/time-slots", expected: everyone },
  { path: "/recovery", expected: everyone },
  { path: "/sources", expected: everyone },
  { path: "/revenue", expected: everyone },
  { path: "/account", expected: everyone },
  { path: "/leads", expected: notExecutive },
  { path: "/leads/export?set=all", expected: notExecutive },
  { path: "/import", expected: adminOnly },
  { path: "/users", expected: adminOnly },
  { path: "/settings", expected: adminOnly },
  { path: "/audit", expected: adminOnly },
];

async function statusOf(
  request: APIRequestContext,
  path: string,
  headers?: Record<string, string>,
) {
  const response = await request.get(path, { maxRedirects: 0, headers });
  const location = response.headers().location ?? "";
  if (
    response.status() >= 300 &&
    response.status() < 400 &&
    location.includes("/login")
  )
    return "sign-in";

  return response.status();
}

test.describe.configure({ mode: "serial" });

const accounts = new Map<Who, Account | null>();

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  accounts.set("nobody", null);
  accounts.set("admin", { ...e2eAdmin, name: "Administrator", role: "admin" });
  for (const role of ["sales_manager", "marketer", "executive"] as const) {
    accounts.set(role, await createAccount(browser, role, "access"));
  }
});

for (const who of [
  "nobody",
  "admin",
  "sales_manager",
  "marketer",
  "executive",
] as const) {
  test(`answers each page and export as expected for ${who}`, async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const account = accounts.get(who);
    if (account) await signIn(page, account);

    const seen: Record<string, Expected | number> = {};
    const wanted: Record<string, Expected> = {};
    for (const row of table) {
      seen[row.path] = await statusOf(context.request, row.path);
      wanted[row.path] = row.expected[who];
    }
    expect(seen).toEqual(wanted);
    await context.close();
  });
}

test("ignores a forged middleware header and a forged session cookie", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const forged = {
    "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy:middleware",
  };
  expect(await statusOf(context.request, "/users", forged)).toBe("sign-in");
  expect(
    await statusOf(context.request, "/overview", {
      cookie: "authjs.session-token=forged.jwt.value",
    }),
  ).toBe("sign-in");

  const marketer = accounts.get("marketer");
  if (!marketer) throw new Error("marketer account missing");
  const page = await context.newPage();
  await signIn(page, marketer);
  expect(await statusOf(context.request, "/users", forged)).toBe(403);
  await context.close();
});

test("refuses an admin-only server action posted by a marketer", async ({
  browser,
}) => {
  const target = await createAccount(browser, "executive", "action-target");
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin);
  const html = await (await adminContext.request.get("/users")).text();
  // The deactivate buttons post a form whose hidden field names the action.
  const actionField = [...html.matchAll(/name="(\$ACTION_ID_[0-9a-f]+)"/g)].map(
    (match) => match[1],
  );
  expect(actionField.length).toBeGreaterThan(0);

  const marketer = accounts.get("marketer");
  if (!marketer) throw new Error("marketer account missing");
  const marketerContext = await browser.newContext();
  await signIn(await marketerContext.newPage(), marketer);
  const targetRow = admin
    .getByRole("row")
    .filter({ has: admin.getByRole("rowheader", { name: target.name }) });
  await admin.goto("/users");
  const userId = await targetRow
    .locator('input[name="userId"]')
    .first()
    .inputValue();
  for (const field of actionField) {
    await marketerContext.request.post("/users", {
      multipart: { [field ?? ""]: "", userId },
      maxRedirects: 0,
    });
  }

  await admin.reload();
  await expect(
    targetRow.getByRole("cell", { name: "Active", exact: true }),
  ).toBeVisible();
  await adminContext.close();
  await marketerContext.close();
});

test("ends a deactivated user's existing session", async ({ browser }) => {
  const manager = await createAccount(browser, "sales_manager", "deactivated");
  const managerContext = await browser.newContext();
  await signIn(await managerContext.newPage(), manager);
  expect(await statusOf(managerContext.request, "/overview")).toBe(200);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin);
  await admin.goto("/users");
  await admin
    .getByRole("button", { name: `Deactivate ${manager.name}` })
    .click();
  await expect(
    admin
      .getByRole("row")
      .filter({ has: admin.getByRole("rowheader", { name: manager.name }) })
      .getByRole("cell", {
        name: "Deactivated",
        exact: true,
      }),
  ).toBeVisible();

  expect(await statusOf(managerContext.request, "/overview")).toBe("sign-in");
  // A route handler answers 401 rather than redirecting a script.
  expect(await statusOf(managerContext.request, "/leads/export?set=all")).toBe(
    401,
  );
  await adminContext.close();
  await managerContext.close();
});

// An upload whose body is announced as 50 MB and never sent: the answer
// can only come before the body, from the role check.
test("refuses an upload by a marketer before reading its body", async ({
  browser,
  baseURL,
}) => {
  const marketer = accounts.get("marketer");
  if (!marketer) throw new Error("marketer account missing");
  const context = await browser.newContext();
  await signIn(await context.newPage(), marketer);
  const cookie = (await context.cookies())
    .map((entry) => `${entry.name}=${entry.value}`)
    .join("; ");
  const url = new URL("/import/upload", baseURL);

  const answer = await new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      const request = http.request(url, {
        method: "POST",
        headers: {
          cookie,
          origin: url.origin,
          "content-type": "multipart/form-data; boundary=b",
          "content-length": String(50_000_000),
        },
      });
      const timer = setTimeout(() => {
        request.destroy();
        reject(new Error("no answer in 15 s: the body was awaited"));
      }, 15_000);
      request.on("response", (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => {
          clearTimeout(timer);
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body });
        });
      });
      request.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.write(
        '--b\r\ncontent-disposition: form-data; name="file"\r\n\r\n',
      );
    },
  );

  expect(answer).toEqual({
    status: 403,
    body: JSON.stringify({
      status: "error",
      message: "Your role does not give access to this.",
    }),
  });
  await context.close();
});

// The proxy answers 414 at once to an address past 4,096 characters, and
// serves shorter ones as before.
test("answers 414 at once to a very long address, and serves a long one", async ({
  browser,
}) => {
  const context = await browser.newContext();
  await signIn(await context.newPage());
  const ids = (count: number) => Array.from({ length: count }, () => "1");

  const long = await context.request.get(
    `/overview?source=${ids(4_000).join(",")}`,
    { maxRedirects: 0, timeout: 15_000 },
  );
  expect(long.status()).toBe(414);
  expect(await long.text()).toBe(
    "The address is longer than 4,096 characters: choose fewer filter values.",
  );
  const fine = await context.request.get(
    `/overview?source=${ids(800).join(",")}`,
    { maxRedirects: 0, timeout: 15_000 },
  );
  expect(fine.status()).toBe(200);
  await context.close();
});
