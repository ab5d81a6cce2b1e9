import { expect, type Locator, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

// June 2026, two sources of this spec only. Each lead is created on 10 June
// at 10:00 Madrid time; its calls are minutes after creation. The page
// reads 10 to 30 June, whose previous period (21 days) ends on 9 June,
// when the leads of the comparison are created.
type Call = { minutes: number; outcome: string };
type FixtureLead = {
  id: string;
  /** When the lead was created; 10 June unless given. */
  created?: string;
  source: string;
  calls: Call[];
  /** A whatsapp message after the last call, minutes after creation. */
  message?: number;
  consent: "yes" | "no" | "";
  converted: boolean;
  /** The lead's own last outcome, as a CRM export without calls has. */
  outcome?: string;
};

const alpha = "Sources spec alpha";
const beta = "Sources spec beta";
const created = "2026-06-10T10:00:00+02:00";

const leads: FixtureLead[] = [
  {
    id: "S1",
    source: alpha,
    calls: [{ minutes: 5, outcome: "answered" }],
    consent: "",
    converted: true,
  },
  {
    id: "S2",
    source: alpha,
    calls: [{ minutes: 5, outcome: "answered" }],
    consent: "",
    converted: false,
  },
  {
    id: "S3",
    source: alpha,
    calls: [{ minutes: 5, outcome: "invalid_number" }],
    consent: "",
    converted: false,
  },
  { id: "S4", source: alpha, calls: [], consent: "no", converted: false },
  {
    id: "S5",
    source: beta,
    calls: [],
    consent: "",
    converted: false,
    outcome: "call failed",
  },
  {
    id: "S6",
    source: beta,
    calls: [{ minutes: 5, outcome: "no_answer" }],
    consent: "",
    converted: false,
  },
  // Four failed calls at 10:05, 13:00, 16:00 and 19:00 local (morning,
  // midday, afternoon, evening), then a whatsapp: the policy is done.
  {
    id: "S7",
    source: beta,
    calls: [
      { minutes: 5, outcome: "no_answer" },
      { minutes: 180, outcome: "busy" },
      { minutes: 360, outcome: "no_answer" },
      { minutes: 540, outcome: "no_answer" },
    ],
    message: 550,
    consent: "yes",
    converted: false,
  },
  {
    id: "S8",
    source: beta,
    calls: [{ minutes: 5, outcome: "answered" }],
    consent: "",
    converted: false,
  },
];

const previousCreated = "2026-06-09T10:00:00+02:00";

const previousLeads: FixtureLead[] = [
  {
    id: "SP1",
    created: previousCreated,
    source: alpha,
    calls: [{ minutes: 5, outcome: "answered" }],
    consent: "",
    converted: true,
  },
  {
    id: "SP2",
    created: previousCreated,
    source: alpha,
    calls: [],
    consent: "no",
    converted: false,
  },
  {
    id: "SP3",
    created: previousCreated,
    source: beta,
    calls: [],
    consent: "",
    converted: false,
    outcome: "call failed",
  },
  {
    id: "SP4",
    created: previousCreated,
    source: beta,
    calls: [{ minutes: 5, outcome: "no_answer" }],
    consent: "",
    converted: false,
  },
  {
    id: "SP5",
    created: previousCreated,
    source: beta,
    calls: [{ minutes: 5, outcome: "answered" }],
    consent: "",
    converted: false,
  },
];

// The slot of a call by its hour on the lead's clock (Madrid, UTC+2 in
// June): morning 8–12, midday 12–15, afternoon 15–18, evening 18–21.
function slotOf(minutes: number): string | null {
  const hour = 10 + Math.floor(minutes / 60);
  if (hour >= 8 && hour < 12) return "morning";
  if (hour >= 12 && hour < 15) return "midday";
  if (hour >= 15 && hour < 18) return "afternoon";
  if (hour >= 18 && hour < 21) return "evening";

  return null;
}

/** The class of each lead by METRICS.md's rules, for these simple leads:
 * converted; no consent on any channel; invalid number; contacted; no
 * attempt but a last outcome of its own (no attempt log); policy (4 calls
 * in 3 slots within 24 h, plus a message when consented) not done, a lead
 * never called included; otherwise unreachable. */
function classify(lead: FixtureLead): string {
  const contacted = lead.calls.some((call) => call.outcome === "answered");
  const calls = lead.calls.filter((call) => call.minutes < 24 * 60);
  const slots = new Set(calls.map((call) => slotOf(call.minutes)));
  slots.delete(null);
  const lastCall = Math.max(...lead.calls.map((call) => call.minutes));
  const messageDone =
    lead.consent !== "yes" ||
    (lead.message !== undefined && lead.message > lastCall);

  if (lead.converted) return "Converted";
  if (lead.consent === "no") return "Do not contact";
  if (lead.calls.some((call) => call.outcome === "invalid_number"))
    return "Lead data";
  if (contacted) return "Not converted";
  if (lead.calls.length === 0 && lead.outcome)
    return "Not contacted, effort unknown";
  if (calls.length < 4 || slots.size < 3 || !messageDone) return "Follow-up";

  return "Unreachable";
}

function writeFixture() {
  const consent = (lead: FixtureLead) => ({
    consent_call: lead.consent,
    consent_whatsapp: lead.consent,
    consent_sms: lead.consent,
    consent_email: lead.consent,
  });
  const all = [...leads, ...previousLeads];
  const leadsFile = writeCsv(
    "sources-leads.csv",
    all.map((lead) => ({
      external_id: lead.id,
      source: lead.source,
      created_at: lead.created ?? created,
      time_zone: "Europe/Madrid",
      ...consent(lead),
      converted: lead.converted ? "yes" : "no",
      disposition: lead.outcome ?? "",
    })),
  );
  const at = (lead: FixtureLead, minutes: number) =>
    new Date(
      Date.parse(lead.created ?? created) + minutes * 60_000,
    ).toISOString();
  const attempts = all.flatMap((lead) => [
    ...lead.calls.map((call, index) => ({
      external_id: `${lead.id}-call-${index + 1}`,
      lead_external_id: lead.id,
      channel: "call",
      started_at: at(lead, call.minutes),
      outcome: call.outcome,
      message_status: "",
    })),
    ...(lead.message === undefined
      ? []
      : [
          {
            external_id: `${lead.id}-message`,
            lead_external_id: lead.id,
            channel: "whatsapp",
            started_at: at(lead, lead.message),
            outcome: "",
            message_status: "delivered",
          },
        ]),
  ]);

  return {
    leadsFile,
    attemptsFile: writeCsv("sources-attempts.csv", attempts),
  };
}

async function narrowToSources(page: Page, sources: string[]) {
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText(/^Sources:/).click();
  for (const source of sources) await filters.getByLabel(source).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText("Sources: 2 chosen")).toBeVisible();
}

/** The cell of a table under a column header, in a source's row. */
async function cellOf(table: Locator, source: string, column: string) {
  // The table may still be streaming in after a navigation: wait for the
  // column before reading the headers' order.
  await expect(
    table.getByRole("columnheader", { name: column, exact: true }).first(),
  ).toBeVisible();
  const headers = await table.getByRole("columnheader").allTextContents();
  const index = headers.findIndex((header) => header.trim() === column);
  expect(index, `column "${column}"`).toBeGreaterThan(0);
  // The inner locator of `has` is matched inside each row.
  const row = table
    .getByRole("row")
    .filter({ has: table.page().getByRole("rowheader", { name: source }) });

  // The first column is the row header, not a cell.
  return row.getByRole("cell").nth(index - 1);
}

const percent = (numerator: number, denominator: number) =>
  `${((numerator / denominator) * 100).toFixed(1)} %`;

test("compares two imported sources and splits their lost leads into classes", async ({
  page,
}) => {
  await signIn(page);
  const { leadsFile, attemptsFile } = writeFixture();
  await importThroughPage(page, "leads", leadsFile, "e2e-sources");
  await importThroughPage(page, "attempts", attemptsFile, "e2e-sources");

  await page.goto("/sources?from=2026-06-10&to=2026-06-30");
  await narrowToSources(page, [alpha, beta]);

  const comparison = page
    .getByRole("region", { name: "Sources compared" })
    .getByRole("table");
  for (const source of [alpha, beta]) {
    const own = leads.filter((lead) => lead.source === source);
    const contacted = own.filter((lead) =>
      lead.calls.some((call) => call.outcome === "answered"),
    ).length;
    const worked = own.filter((lead) => lead.calls.length > 0).length;

    await expect(await cellOf(comparison, source, "Leads")).toHaveText(
      String(own.length),
    );
    await expect(
      await cellOf(comparison, source, "Lead contact rate"),
    ).toContainText(
      `${percent(contacted, own.length)}${contacted}/${own.length}`,
    );
    await expect(
      await cellOf(comparison, source, "Worked contact rate"),
    ).toContainText(`${percent(contacted, worked)}${contacted}/${worked}`);
  }

  const split = page
    .getByRole("region", { name: "Lost-lead split" })
    .getByRole("table");
  const classes = [
    "Converted",
    "Do not contact",
    "Lead data",
    "Follow-up",
    "Unreachable",
    "Not contacted, effort unknown",
    "Not converted",
  ];
  for (const source of [alpha, beta]) {
    const own = leads.filter((lead) => lead.source === source);
    let sum = 0;
    for (const leadClass of classes) {
      const inClass = own.filter((lead) => classify(lead) === leadClass);
      const cell = await cellOf(split, source, leadClass);
      await expect(cell).toContainText(`${inClass.length}/${own.length}`);
      sum += Number(
        /(\d+)\/\d+/.exec((await cell.textContent()) ?? "")?.[1] ?? NaN,
      );
    }
    // Every lead is in exactly one class or converted.
    expect(sum).toBe(own.length);
  }

  // A class links to its leads, with the source.
  const unreachable = await cellOf(split, beta, "Unreachable");
  await expect(unreachable.getByRole("link")).toHaveAttribute(
    "href",
    /set=lost-unreachable.*source=\d+|source=\d+.*set=lost-unreachable/,
  );

  // One sentence per source.
  const story = page.getByRole("region", { name: "What the data shows" });
  await expect(story.getByRole("listitem")).toHaveCount(2);

  // Compared with 20 May to 9 June: each share's change in points against
  // the same source's leads of 9 June.
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Compare with the previous period").check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]compare=1/);
  await expect(split.getByText(/pts vs previous/).first()).toBeVisible();
  const pointsChange = (points: number) => {
    const tenths = Math.round(Math.abs(points) * 10);
    const sign = tenths === 0 ? "±" : points > 0 ? "+" : "−";

    return `${sign}${(tenths / 10).toFixed(1)} pts vs previous`;
  };
  // Alpha converted 1 of 4 leads, against 1 of 2: 25 % − 50 % = −25 pts.
  // Beta's follow-up is 1 of 4 against 1 of 3: 25 % − 33.3 % = −8.3 pts.
  // No beta lead is left to do not contact in either: ±0.0 pts.
  expect(pointsChange(25 - 50)).toBe("−25.0 pts vs previous");
  expect(pointsChange(25 - 100 / 3)).toBe("−8.3 pts vs previous");
  await expect(await cellOf(split, alpha, "Converted")).toContainText(
    "−25.0 pts vs previous",
  );
  await expect(await cellOf(split, beta, "Follow-up")).toContainText(
    "−8.3 pts vs previous",
  );
  await expect(await cellOf(split, beta, "Do not contact")).toContainText(
    "±0.0 pts vs previous",
  );
  for (const source of [alpha, beta]) {
    const own = leads.filter((lead) => lead.source === source);
    const before = previousLeads.filter((lead) => lead.source === source);
    for (const leadClass of classes) {
      const share = (list: FixtureLead[]) =>
        (list.filter((lead) => classify(lead) === leadClass).length /
          list.length) *
        100;
      await expect(await cellOf(split, source, leadClass)).toContainText(
        pointsChange(share(own) - share(before)),
      );
    }
  }
});

// After the comparison above, whose import holds S5: a lead with a last
// outcome code and no attempt log.
test("says on the page of a lead without an attempt log that its effort is unknown", async ({
  page,
}) => {
  await signIn(page);
  await page.goto(
    "/leads/sets/lost-not_contacted_unknown_effort?from=2026-06-10&to=2026-06-30",
  );
  await page.getByRole("link", { name: "S5", exact: true }).click();

  await expect(
    page.getByText(
      "No: the lead came with its last outcome code but no attempt log, so no part of the policy can be shown done",
      { exact: false },
    ),
  ).toBeVisible();
  await expect(page.getByText("no call within the first")).toHaveCount(0);
});
