import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { createAccount } from "./fixtures/users";

test("an admin deactivates, reactivates and resets the password of a user, who then signs in with the one-time password", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const marketer = await createAccount(browser, "marketer", "user-admin");
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin);
  await admin.goto("/users");
  const row = admin
    .getByRole("row")
    .filter({ has: admin.getByRole("rowheader", { name: marketer.name }) });
  const status = (name: string) => row.getByRole("cell", { name, exact: true });

  await row
    .getByRole("button", { name: `Deactivate ${marketer.name}` })
    .click();
  await expect(status("Deactivated")).toBeVisible();
  await row
    .getByRole("button", { name: `Reactivate ${marketer.name}` })
    .click();
  await expect(status("Active")).toBeVisible();

  // The user signs in again with their own password and role.
  const userContext = await browser.newContext();
  const user = await userContext.newPage();
  await signIn(user, marketer);
  await expect(
    user
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Sources", exact: true }),
  ).toBeVisible();

  await row
    .getByRole("button", { name: `Reset password of ${marketer.name}` })
    .click();
  const shown = row.getByText(/New one-time password, shown only now/);
  await expect(shown).toBeVisible();
  await expect(status("Must change password")).toBeVisible();
  const oneTime = (await shown.locator("code").textContent()) ?? "";
  expect(oneTime.length).toBeGreaterThanOrEqual(12);

  // Shown once: a fresh look at the page no longer has it.
  await admin.reload();
  await expect(status("Must change password")).toBeVisible();
  await expect(row.getByText(/one-time password/i)).toHaveCount(0);
  await expect(admin.getByText(oneTime)).toHaveCount(0);

  // The reset ended the user's session; the old password no longer works,
  // and the one-time one leads to the Account page to replace it.
  await user.goto("/overview");
  await expect(user).toHaveURL(/\/login/);
  await user.getByLabel("E-mail").fill(marketer.email);
  await user.getByLabel("Password").fill(marketer.password);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(
    user.getByText("The e-mail address or the password is not right."),
  ).toBeVisible();
  await user.getByLabel("E-mail").fill(marketer.email);
  await user.getByLabel("Password").fill(oneTime);
  await user.getByRole("button", { name: "Sign in" }).click();
  await expect(user).toHaveURL(/\/account/);

  await adminContext.close();
  await userContext.close();
});
