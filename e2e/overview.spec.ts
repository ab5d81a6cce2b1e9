import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

// A small fixture whose figures the test works out itself, independently of
// the product's SQL, from the definitions of lead contact rate, call answer
// rate and conversion of contacted leads.
type FixtureLead = {
  id: string;
  source: string;
  createdAt: string | null;
  converted: boolean;
};
type FixtureCall = { id: string; lead: string; at: string; outcome: string };

const leads: FixtureLead[] = [
  {
    id: "L1",
    source: "Web form",
    createdAt: "2026-11-10T09:00:00+01:00",
    converted: true,
  },
  {
    id: "L2",
    source: "Web form",
    createdAt: "2026-11-10T10:00:00+01:00",
    converted: false,
  },
  {
    id: "L3",
    source: "Web form",
    createdAt: "2026-11-11T11:00:00+01:00",
    converted: false,
  },
  {
    id: "L4",
    source: "Paid search",
    createdAt: "2026-11-12T12:00:00+01:00",
    converted: true,
  },
  {
    id: "L5",
    source: "Paid search",
    createdAt: "2026-11-12T13:00:00+01:00",
    converted: false,
  },
  {
    id: "L6",
    source: "Paid search",
    createdAt: "2026-11-13T14:00:00+01:00",
    converted: false,
  },
  {
    id: "L7",
    source: "Paid search",
    createdAt: "2026-10-20T09:00:00+02:00",
    converted: true,
  },
  { id: "L8", source: "Web form", createdAt: null, converted: false },
];

const calls: FixtureCall[] = [
  {
    id: "C1",
    lead: "L1",
    at: "2026-11-10T09:05:00+01:00",
    outcome: "no_answer",
  },
  {
    id: "C2",
    lead: "L1",
    at: "2026-11-10T12:10:00+01:00",
    outcome: "answered",
  },
  {
    id: "C3",
    lead: "L2",
    at: "2026-11-10T10:02:00+01:00",
    outcome: "no_answer",
  },
  { id: "C4", lead: "L2", at: "2026-11-10T16:30:00+01:00", outcome: "busy" },
  {
    id: "C5",
    lead: "L3",
    at: "2026-11-11T11:20:00+01:00",
    outcome: "voicemail",
  },
  {
    id: "C6",
    lead: "L4",
    at: "2026-11-12T12:01:00+01:00",
    outcome: "answered",
  },
  // Answered 13 days after creation: outside the 7-day contact window.
  {
    id: "C7",
    lead: "L5",
    at: "2026-11-25T10:00:00+01:00",
    outcome: "answered",
  },
  {
    id: "C8",
    lead: "L7",
    at: "2026-10-20T09:10:00+02:00",
    outcome: "answered",
  },
];

const period = { from: "2026-11-01", to: "2026-11-30" };
const windowMs = 7 * 86_400_000;
const madridDay = (iso: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Madrid" }).format(
    new Date(iso),
  );
const inPeriod = (iso: string) =>
  madridDay(iso) >= period.from && madridDay(iso) <= period.to;

function expectedFigures() {
  const periodLeads = leads.filter(
    (lead) => lead.createdAt !== null && inPeriod(lead.createdAt),
  );
  const contacted = periodLeads.filter((lead) =>
    calls.some(
      (call) =>
        call.lead === lead.id &&
        call.outcome === "answered" &&
        Date.parse(call.at) - Date.parse(lead.createdAt ?? "") <= windowMs,
    ),
  );
  const periodCalls = calls.filter((call) => inPeriod(call.at));

  return {
    leads: periodLeads.length,
    contacted: contacted.length,
    calls: periodCalls.length,
    answered: periodCalls.filter((call) => call.outcome === "answered").length,
    contactedConverted: contacted.filter((lead) => lead.converted).length,
  };
}

test("shows the overview figures of an imported fixture", async ({ page }) => {
  await signIn(page);

  const leadsFile = writeCsv(
    "fixture-leads.csv",
    leads.map((lead) => ({
      external_id: lead.id,
      source: lead.source,
      created_at: lead.createdAt ?? "",
      time_zone: "Europe/Madrid",
      converted: lead.converted ? "yes" : "no",
    })),
  );
  const callsFile = writeCsv(
    "fixture-attempts.csv",
    calls.map((call) => ({
      external_id: call.id,
      lead_external_id: call.lead,
      channel: "call",
      direction: "outbound",
      agent: "agent-1",
      started_at: call.at,
      outcome: call.outcome,
    })),
  );
  await importThroughPage(page, "leads", leadsFile, "e2e");
  await importThroughPage(page, "attempts", callsFile, "e2e");

  // Narrow to this fixture's sources, so that other tests' leads (undated
  // ones especially) cannot change the figures.
  await page.goto(`/overview?from=${period.from}&to=${period.to}`);
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Sources: all").click();
  await filters
    .getByRole("checkbox", { name: "Web form", exact: true })
    .check();
  await filters
    .getByRole("checkbox", { name: "Paid search", exact: true })
    .check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText("Sources: 2 chosen")).toBeVisible();
  const expected = expectedFigures();
  const percent = (n: number, d: number) => `${((n / d) * 100).toFixed(1)} %`;

  await expect(
    page
      .getByRole("region", { name: "Leads", exact: true })
      .getByTestId("count-value"),
  ).toHaveText(String(expected.leads));
  const contact = page.getByRole("region", { name: "Lead contact rate" });
  await expect(contact.getByTestId("rate-value")).toHaveText(
    percent(expected.contacted, expected.leads),
  );
  await expect(contact.getByTestId("rate-numerator")).toHaveText(
    String(expected.contacted),
  );
  await expect(contact.getByTestId("rate-denominator")).toHaveText(
    String(expected.leads),
  );
  const answer = page.getByRole("region", { name: "Call answer rate" });
  await expect(answer.getByTestId("rate-value")).toHaveText(
    percent(expected.answered, expected.calls),
  );
  await expect(answer.getByTestId("rate-denominator")).toHaveText(
    String(expected.calls),
  );
  const conversion = page.getByRole("region", {
    name: "Conversion of contacted leads",
  });
  await expect(conversion.getByTestId("rate-value")).toHaveText(
    percent(expected.contactedConverted, expected.contacted),
  );

  // The lead without a creation instant is in no period but in the table.
  const sources = page.getByRole("region", { name: "Sources" });
  const webRow = sources.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: "Web form", exact: true }),
  });
  const webLeads = leads.filter(
    (lead) =>
      lead.source === "Web form" &&
      (lead.createdAt === null || inPeriod(lead.createdAt)),
  ).length;
  await expect(webRow.getByRole("cell").first()).toHaveText(String(webLeads));
  await expect(
    page.getByText("1 lead without a creation instant is left out."),
  ).toBeVisible();

  // Compared with the 30 days before, 2 to 31 October, which hold one lead.
  const previousLeads = leads.filter(
    (lead) =>
      lead.createdAt !== null &&
      madridDay(lead.createdAt) >= "2026-10-02" &&
      madridDay(lead.createdAt) <= "2026-10-31",
  ).length;
  await filters.getByLabel("Compare with the previous period").check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(
    page.getByRole("region", { name: "Leads", exact: true }),
  ).toContainText(
    `+${expected.leads - previousLeads} vs previous period (${previousLeads})`,
  );
  // Each source's counts change against the same source before: Paid
  // search has its leads of the period against the one of 20 October.
  const paidLeads = (inWindow: (day: string) => boolean) =>
    leads.filter(
      (lead) =>
        lead.source === "Paid search" &&
        lead.createdAt !== null &&
        inWindow(madridDay(lead.createdAt)),
    ).length;
  const paidNow = paidLeads((day) => day >= period.from && day <= period.to);
  const paidBefore = paidLeads(
    (day) => day >= "2026-10-02" && day <= "2026-10-31",
  );
  const paidRow = sources.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: "Paid search", exact: true }),
  });
  await expect(paidRow.getByRole("cell").first()).toHaveText(
    `${paidNow}+${paidNow - paidBefore} (was ${paidBefore})`,
  );
});
