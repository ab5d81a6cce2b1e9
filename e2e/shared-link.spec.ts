import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

// A source of this spec only, with leads in September 2026 and in the 30
// days before it (the previous period of a 30-day September), so that the
// comparison has something to compare.
const source = "Shared link spec web";
const leads = [
  { id: "K1", created: "2026-09-03T10:00:00+02:00", answered: true },
  { id: "K2", created: "2026-09-04T10:00:00+02:00", answered: false },
  { id: "K3", created: "2026-09-10T10:00:00+02:00", answered: true },
  { id: "K4", created: "2026-08-12T10:00:00+02:00", answered: true },
  { id: "K5", created: "2026-08-20T10:00:00+02:00", answered: false },
];
const period = { from: "2026-09-01", to: "2026-09-30" };
const previous = { from: "2026-08-02", to: "2026-08-31" };

function expectedContact(range: { from: string; to: string }) {
  const day = (iso: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Madrid" }).format(
      new Date(iso),
    );
  const inRange = leads.filter(
    (lead) => day(lead.created) >= range.from && day(lead.created) <= range.to,
  );

  return {
    leads: inRange.length,
    contacted: inRange.filter((lead) => lead.answered).length,
  };
}

async function readContactCard(page: Page) {
  const card = page.getByRole("region", {
    name: "Lead contact rate",
    exact: true,
  });

  return {
    value: await card.getByTestId("rate-value").textContent(),
    numerator: await card.getByTestId("rate-numerator").textContent(),
    denominator: await card.getByTestId("rate-denominator").textContent(),
    text: await card.textContent(),
  };
}

test("a copied Sales link shows a colleague the same period, source, comparison and figures", async ({
  page,
  browser,
}) => {
  await signIn(page);
  await importThroughPage(
    page,
    "leads",
    writeCsv(
      "shared-link-leads.csv",
      leads.map((lead) => ({
        external_id: lead.id,
        source,
        created_at: lead.created,
        time_zone: "Europe/Madrid",
      })),
    ),
    "e2e-shared-link",
  );
  await importThroughPage(
    page,
    "attempts",
    writeCsv(
      "shared-link-attempts.csv",
      leads.map((lead) => ({
        external_id: `${lead.id}-call`,
        lead_external_id: lead.id,
        channel: "call",
        direction: "outbound",
        agent: "shared-link-spec-agent",
        started_at: new Date(Date.parse(lead.created) + 600_000).toISOString(),
        outcome: lead.answered ? "answered" : "no_answer",
      })),
    ),
    "e2e-shared-link",
  );

  await page.goto("/sales");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("From", { exact: true }).fill(period.from);
  await filters.getByLabel("To", { exact: true }).fill(period.to);
  await filters.getByText(/^Sources:/).click();
  await filters.getByLabel(source).check();
  await filters.getByLabel("Compare with the previous period").check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]compare=1/);
  await expect(page).toHaveURL(new RegExp(`[?&]from=${period.from}`));

  const current = expectedContact(period);
  const before = expectedContact(previous);
  const points =
    (current.contacted / current.leads - before.contacted / before.leads) * 100;
  const card = page.getByRole("region", {
    name: "Lead contact rate",
    exact: true,
  });
  await expect(card.getByTestId("rate-numerator")).toHaveText(
    String(current.contacted),
  );
  await expect(card.getByTestId("rate-denominator")).toHaveText(
    String(current.leads),
  );
  await expect(card).toContainText(
    `${points >= 0 ? "+" : "−"}${Math.abs(points).toFixed(1)} pts vs previous period`,
  );
  const shown = await readContactCard(page);
  const link = page.url();

  const colleague = await browser.newContext();
  const other = await colleague.newPage();
  await signIn(other);
  await other.goto(link);
  const otherFilters = other.getByRole("form", { name: "Filters" });
  await expect(otherFilters.getByLabel("From", { exact: true })).toHaveValue(
    period.from,
  );
  await expect(otherFilters.getByLabel("To", { exact: true })).toHaveValue(
    period.to,
  );
  await expect(otherFilters.getByText(`Sources: ${source}`)).toBeVisible();
  await expect(
    otherFilters.getByLabel("Compare with the previous period"),
  ).toBeChecked();
  await expect(
    other
      .getByRole("region", { name: "Lead contact rate", exact: true })
      .getByTestId("rate-numerator"),
  ).toHaveText(String(current.contacted));
  expect(await readContactCard(other)).toEqual(shown);
  await colleague.close();
});
