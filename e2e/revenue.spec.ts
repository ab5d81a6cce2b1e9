import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

// May 2026, one source of this spec only. Every lead is created on 12 May
// at 10:00 Madrid time and its first call at 10:05 fails. Two more leads
// on 12 March are the previous period of May and June together.
type FixtureLead = {
  id: string;
  /** When the lead was created; 12 May unless given. */
  created?: string;
  value: string;
  currency: string;
  unit: "total" | "per_month";
  /** A recovery message 10 minutes after creation. */
  message?: "whatsapp" | "sms";
  /** The lead's reply, or an answered call of ours, a day later. */
  contact?: "reply" | "call";
  converted: boolean;
};

const source = "Revenue spec web";
const created = "2026-05-12T10:00:00+02:00";
const lifetimeMonths = 24;

const leads: FixtureLead[] = [
  {
    id: "V1",
    value: "50.00",
    currency: "EUR",
    unit: "per_month",
    message: "whatsapp",
    contact: "reply",
    converted: true,
  },
  {
    id: "V2",
    value: "1000.00",
    currency: "EUR",
    unit: "total",
    message: "sms",
    contact: "call",
    converted: false,
  },
  {
    id: "V3",
    value: "30.00",
    currency: "EUR",
    unit: "per_month",
    message: "whatsapp",
    converted: false,
  },
  // No rate for GBP: counted as call-failed, left out of every sum.
  {
    id: "V4",
    value: "20.00",
    currency: "GBP",
    unit: "total",
    message: "sms",
    converted: false,
  },
  {
    id: "V5",
    value: "500.00",
    currency: "EUR",
    unit: "total",
    converted: false,
  },
];

const previousCreated = "2026-03-12T10:00:00+01:00";

const previousLeads: FixtureLead[] = [
  {
    id: "V6",
    created: previousCreated,
    value: "40.00",
    currency: "EUR",
    unit: "per_month",
    message: "whatsapp",
    contact: "reply",
    converted: false,
  },
  {
    id: "V7",
    created: previousCreated,
    value: "200.00",
    currency: "EUR",
    unit: "total",
    converted: false,
  },
];

/** LTV in euro cents: a monthly value × 24, or the total; null for a
 * currency without a rate. */
function ltvCents(lead: FixtureLead): number | null {
  if (lead.currency !== "EUR") return null;
  const cents = Math.round(Number(lead.value) * 100);

  return lead.unit === "per_month" ? cents * lifetimeMonths : cents;
}

function expectedValue(list: FixtureLead[] = leads) {
  const sum = (list: FixtureLead[]) =>
    list.reduce((total, lead) => total + (ltvCents(lead) ?? 0), 0);
  // Every lead is call-failed; a contact after a message is a recovery.
  const recovered = list.filter((lead) => lead.message && lead.contact);
  const contacted = list.filter((lead) => lead.contact);
  const conversion =
    contacted.filter((lead) => lead.converted).length / contacted.length;
  const atRisk = list.filter((lead) => !lead.contact && !lead.converted);

  return {
    recoveredValue: sum(recovered),
    recoveredRevenue: sum(recovered.filter((lead) => lead.converted)),
    callFailedValue: sum(list),
    valueAtRisk: Math.round(sum(atRisk) * conversion),
    withoutRate: list.filter((lead) => ltvCents(lead) === null).length,
  };
}

function writeFixture() {
  const all = [...leads, ...previousLeads];
  const leadsFile = writeCsv(
    "revenue-leads.csv",
    all.map((lead) => ({
      external_id: lead.id,
      source,
      created_at: lead.created ?? created,
      time_zone: "Europe/Madrid",
      value: lead.value,
      value_currency: lead.currency,
      value_unit: lead.unit,
      converted: lead.converted ? "yes" : "no",
    })),
  );
  const at = (lead: FixtureLead, minutes: number) =>
    new Date(
      Date.parse(lead.created ?? created) + minutes * 60_000,
    ).toISOString();
  const row = (
    lead: FixtureLead,
    id: string,
    channel: string,
    direction: string,
    minutes: number,
    outcome: string,
    status: string,
  ) => ({
    external_id: id,
    lead_external_id: lead.id,
    channel,
    direction,
    started_at: at(lead, minutes),
    outcome,
    message_status: status,
  });
  const attempts = all.flatMap((lead) => [
    row(lead, `${lead.id}-call`, "call", "outbound", 5, "no_answer", ""),
    ...(lead.message
      ? [
          row(
            lead,
            `${lead.id}-message`,
            lead.message,
            "outbound",
            10,
            "",
            "delivered",
          ),
        ]
      : []),
    ...(lead.contact === "reply"
      ? [
          row(
            lead,
            `${lead.id}-reply`,
            lead.message ?? "whatsapp",
            "inbound",
            24 * 60,
            "",
            "",
          ),
        ]
      : lead.contact === "call"
        ? [
            row(
              lead,
              `${lead.id}-call-2`,
              "call",
              "outbound",
              24 * 60,
              "answered",
              "",
            ),
          ]
        : []),
  ]);

  return {
    leadsFile,
    attemptsFile: writeCsv("revenue-attempts.csv", attempts),
  };
}

async function narrowToSource(page: Page, name: string) {
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText(/^Sources:/).click();
  await filters.getByLabel(name).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText(`Sources: ${name}`)).toBeVisible();
}

const euro = (cents: number) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(
    cents / 100,
  );

test("shows the recovered value of imported leads with monthly and total values", async ({
  page,
}) => {
  await signIn(page);
  const { leadsFile, attemptsFile } = writeFixture();
  await importThroughPage(page, "leads", leadsFile, "e2e-revenue");
  await importThroughPage(page, "attempts", attemptsFile, "e2e-revenue");

  await page.goto("/revenue?from=2026-05-01&to=2026-05-31");
  await narrowToSource(page, source);
  const expected = expectedValue();

  const card = (name: string) => page.getByRole("region", { name });
  await expect(card("Recovered value").getByTestId("money-value")).toHaveText(
    euro(expected.recoveredValue),
  );
  await expect(card("Recovered revenue").getByTestId("money-value")).toHaveText(
    euro(expected.recoveredRevenue),
  );
  await expect(
    card("Value-weighted recovery rate").getByTestId("share-value"),
  ).toHaveText(
    `${((expected.recoveredValue / expected.callFailedValue) * 100).toFixed(1)} %`,
  );
  await expect(card("Value at risk").getByTestId("money-value")).toHaveText(
    euro(expected.valueAtRisk),
  );
  await expect(
    card("Values not converted").getByText(
      `${expected.withoutRate} lead in GBP has no rate to EUR`,
    ),
  ).toBeVisible();

  const month = page
    .getByRole("region", { name: "By month" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "May 2026" }) });
  await expect(month).toContainText(euro(expected.recoveredValue));

  // May and June compared with March and April (61 days each): May, the
  // first month, meets March, the previous period's first month. June has
  // no leads of this source, so it has no row.
  await page.goto("/revenue?from=2026-05-01&to=2026-06-30&compare=1");
  await narrowToSource(page, source);
  const before = expectedValue(previousLeads);
  // V6 is recovered: €40.00 a month × 24 = €960.00; V7 is not.
  expect(before.recoveredValue).toBe(96_000);
  const compared = page
    .getByRole("region", { name: "By month" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "May 2026" }) });
  await expect(compared.getByRole("rowheader")).toContainText("vs Mar 2026");
  const change = (now: number, then: number) =>
    `${now - then > 0 ? "+" : now - then < 0 ? "−" : "±"}${euro(Math.abs(now - then))} vs previous (${euro(then)})`;
  // €2,200.00 − €960.00 = +€1,240.00.
  expect(change(expected.recoveredValue, before.recoveredValue)).toBe(
    `+${euro(124_000)} vs previous (${euro(96_000)})`,
  );
  await expect(compared).toContainText(
    change(expected.recoveredValue, before.recoveredValue),
  );
  // V1 converted (€1,200.00); nothing converted in March.
  await expect(compared).toContainText(
    change(expected.recoveredRevenue, before.recoveredRevenue),
  );
});
