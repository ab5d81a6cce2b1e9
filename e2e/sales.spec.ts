import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { parseCsv, writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";
import { createAccount, signedInPage } from "./fixtures/users";

// September 2026, two sources and two agents of this spec only. The test
// works every figure out itself from the fixture and the definitions:
// contact (an answered outbound call or an inbound call from the lead,
// within 7 days), the default policy (4 calls in 3 slots within 24 hours;
// no lead consented to messages, so no recovery message is due), speed to
// lead, calls outside 08–21 on the lead's clock.
const web = "Sales spec web";
const ads = "Sales spec ads";
const agents = {
  ana: {
    id: "sales-spec-ana",
    name: "Sales spec Ana",
    team: "Sales spec north",
  },
  ben: {
    id: "sales-spec-ben",
    name: "Sales spec Ben",
    team: "Sales spec south",
  },
} as const;
type AgentKey = keyof typeof agents;

type FixtureLead = { id: string; source: string; created: string };
type FixtureCall = {
  lead: string;
  at: string;
  outcome: "answered" | "no_answer" | "busy";
  agent?: AgentKey;
  inbound?: boolean;
};

const leads: FixtureLead[] = [
  { id: "S1", source: web, created: "2026-09-07T10:00:00+02:00" },
  { id: "S2", source: web, created: "2026-09-07T11:00:00+02:00" },
  { id: "S3", source: ads, created: "2026-09-08T09:00:00+02:00" },
  { id: "S4", source: ads, created: "2026-09-08T12:00:00+02:00" },
  { id: "S5", source: ads, created: "2026-09-09T15:00:00+02:00" },
  { id: "S6", source: web, created: "2026-09-09T18:00:00+02:00" },
];

const calls: FixtureCall[] = [
  {
    lead: "S1",
    at: "2026-09-07T10:03:00+02:00",
    outcome: "no_answer",
    agent: "ana",
  },
  {
    lead: "S1",
    at: "2026-09-07T13:00:00+02:00",
    outcome: "answered",
    agent: "ana",
  },
  {
    lead: "S2",
    at: "2026-09-07T11:10:00+02:00",
    outcome: "busy",
    agent: "ana",
  },
  {
    lead: "S2",
    at: "2026-09-07T16:00:00+02:00",
    outcome: "no_answer",
    agent: "ana",
  },
  {
    lead: "S2",
    at: "2026-09-07T19:00:00+02:00",
    outcome: "no_answer",
    agent: "ben",
  },
  {
    lead: "S2",
    at: "2026-09-08T09:00:00+02:00",
    outcome: "no_answer",
    agent: "ana",
  },
  {
    lead: "S3",
    at: "2026-09-08T09:30:00+02:00",
    outcome: "no_answer",
    agent: "ben",
  },
  // 21:30 on the lead's clock: outside calling hours, in no slot.
  {
    lead: "S3",
    at: "2026-09-08T21:30:00+02:00",
    outcome: "no_answer",
    agent: "ben",
  },
  {
    lead: "S5",
    at: "2026-09-09T15:04:00+02:00",
    outcome: "answered",
    agent: "ben",
  },
  // The lead calls us: contact, but no outbound attempt.
  {
    lead: "S6",
    at: "2026-09-09T18:30:00+02:00",
    outcome: "answered",
    inbound: true,
  },
];

const slots = [
  { name: "morning", start: 8, end: 12 },
  { name: "midday", start: 12, end: 15 },
  { name: "afternoon", start: 15, end: 18 },
  { name: "evening", start: 18, end: 21 },
];
const madridHour = (iso: string) =>
  Number(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Madrid",
      hour: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso)),
  );
const minutesBetween = (from: string, to: string) =>
  (Date.parse(to) - Date.parse(from)) / 60_000;

function workOutLead(lead: FixtureLead) {
  const own = calls
    .filter((call) => call.lead === lead.id)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const outbound = own.filter((call) => !call.inbound);
  const contact = own.find(
    (call) =>
      call.outcome === "answered" &&
      minutesBetween(lead.created, call.at) <= 7 * 24 * 60,
  );
  const inWindow = outbound.filter(
    (call) => minutesBetween(lead.created, call.at) < 24 * 60,
  );
  const usedSlots = new Set(
    inWindow.flatMap((call) => {
      const hour = madridHour(call.at);
      const slot = slots.find((s) => hour >= s.start && hour < s.end);

      return slot ? [slot.name] : [];
    }),
  );
  const first = outbound[0];

  return {
    lead,
    contacted: contact !== undefined,
    worked: outbound.length > 0,
    fullyWorked:
      contact !== undefined || (inWindow.length >= 4 && usedSlots.size >= 3),
    agent: first?.agent,
    speedMinutes: first ? minutesBetween(lead.created, first.at) : null,
    // Point of the contact curve: the outbound call that made the contact.
    contactCall:
      contact && !contact.inbound ? outbound.indexOf(contact) + 1 : null,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(middle)] ?? 0;
  const high = sorted[Math.ceil(middle)] ?? 0;

  return (low + high) / 2;
}

function expectedFigures() {
  const worked = leads.map(workOutLead);
  const count = (test: (lead: (typeof worked)[number]) => boolean) =>
    worked.filter(test).length;
  const speeds = worked.flatMap((lead) =>
    lead.speedMinutes === null ? [] : [lead.speedMinutes],
  );
  const ofAgent = (agent: AgentKey) =>
    worked.filter((lead) => lead.agent === agent);
  const outbound = calls.filter((call) => !call.inbound);

  return {
    leads: leads.length,
    contacted: count((lead) => lead.contacted),
    worked: count((lead) => lead.worked),
    workedContacted: count((lead) => lead.worked && lead.contacted),
    fullyWorked: count((lead) => lead.fullyWorked),
    attempted: speeds.length,
    medianMinutes: median(speeds),
    withinTarget: speeds.filter((minutes) => minutes <= 5).length,
    byAgent: (agent: AgentKey) => ({
      leads: ofAgent(agent).length,
      contacted: ofAgent(agent).filter((lead) => lead.contacted).length,
      fullyWorked: ofAgent(agent).filter((lead) => lead.fullyWorked).length,
    }),
    curve: (n: number) =>
      count((lead) => lead.contactCall !== null && lead.contactCall <= n),
    calls: outbound.length,
    outsideHours: outbound.filter((call) => {
      const hour = madridHour(call.at);

      return hour < 8 || hour >= 21;
    }).length,
  };
}

function writeFixture() {
  const leadsFile = writeCsv(
    "sales-leads.csv",
    leads.map((lead) => ({
      external_id: lead.id,
      source: lead.source,
      created_at: lead.created,
      time_zone: "Europe/Madrid",
    })),
  );
  const attemptsFile = writeCsv(
    "sales-attempts.csv",
    calls.map((call, index) => {
      const agent = call.agent ? agents[call.agent] : null;

      return {
        external_id: `sales-call-${index + 1}`,
        lead_external_id: call.lead,
        channel: "call",
        direction: call.inbound ? "inbound" : "outbound",
        agent: agent?.id ?? "",
        agent_name: agent?.name ?? "",
        team: agent?.team ?? "",
        started_at: call.at,
        outcome: call.outcome,
      };
    }),
  );

  return { leadsFile, attemptsFile };
}

async function narrowToSources(page: Page, sources: string[]) {
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText(/^Sources:/).click();
  for (const source of sources) await filters.getByLabel(source).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(
    filters.getByText(`Sources: ${sources.length} chosen`),
  ).toBeVisible();
}

const percent = (numerator: number, denominator: number) =>
  denominator === 0
    ? "No data"
    : `${((numerator / denominator) * 100).toFixed(1)} %`;

async function expectRate(
  page: Page,
  name: string,
  numerator: number,
  denominator: number,
) {
  const card = page.getByRole("region", { name, exact: true });
  await expect(card.getByTestId("rate-value")).toHaveText(
    percent(numerator, denominator),
  );
  await expect(card.getByTestId("rate-numerator")).toHaveText(
    String(numerator),
  );
  await expect(card.getByTestId("rate-denominator")).toHaveText(
    String(denominator),
  );
}

test("shows the sales figures of an imported fixture, per agent and team", async ({
  page,
}) => {
  await signIn(page);
  const { leadsFile, attemptsFile } = writeFixture();
  await importThroughPage(page, "leads", leadsFile, "e2e-sales");
  await importThroughPage(page, "attempts", attemptsFile, "e2e-sales");

  await page.goto("/sales?from=2026-09-01&to=2026-09-30");
  await narrowToSources(page, [web, ads]);
  const expected = expectedFigures();

  await expectRate(
    page,
    "Lead contact rate",
    expected.contacted,
    expected.leads,
  );
  await expectRate(
    page,
    "Worked contact rate",
    expected.workedContacted,
    expected.worked,
  );
  await expectRate(
    page,
    "Follow-up compliance",
    expected.fullyWorked,
    expected.leads,
  );
  await expectRate(
    page,
    "Attempted within 5 minutes",
    expected.withinTarget,
    expected.leads,
  );
  await expect(
    page
      .getByRole("region", { name: "Median speed to lead" })
      .getByTestId("minutes-value"),
  ).toHaveText(`${expected.medianMinutes.toFixed(1)} min`);
  await expect(
    page
      .getByRole("region", { name: "Not attempted yet" })
      .getByTestId("count-value"),
  ).toHaveText(String(expected.leads - expected.attempted));
  const contactedLink = page
    .getByRole("region", { name: "Lead contact rate", exact: true })
    .getByRole("link", { name: "See the leads" });
  await expect(contactedLink).toHaveAttribute("href", /[?&]set=contacted(&|$)/);
  await expect(contactedLink).toHaveAttribute(
    "href",
    /[?&]source=\d+(,|%2C)\d+/,
  );

  const byAgent = page.getByRole("region", {
    name: "Follow-up compliance by agent",
  });
  for (const key of ["ana", "ben"] as const) {
    const figures = expected.byAgent(key);
    const row = byAgent.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: agents[key].name, exact: true }),
    });
    const cells = row.getByRole("cell");
    await expect(cells.nth(0)).toHaveText(String(figures.leads));
    await expect(cells.nth(1)).toContainText(
      `${percent(figures.contacted, figures.leads)}${figures.contacted}/${figures.leads}`,
    );
    await expect(cells.nth(3)).toContainText(
      `${percent(figures.fullyWorked, figures.leads)}${figures.fullyWorked}/${figures.leads}`,
    );
  }

  await expectRate(
    page,
    "Calls outside calling hours",
    expected.outsideHours,
    expected.calls,
  );

  const curve = page.getByRole("region", { name: "Contact by attempt number" });
  await curve.getByText("Show the curve as a table").click();
  for (const n of [1, 2, 4]) {
    const row = curve.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: String(n), exact: true }),
    });
    await expect(row.getByRole("cell").first()).toContainText(
      `${percent(expected.curve(n), expected.leads)}${expected.curve(n)}/${expected.leads}`,
    );
  }

  // The team table's CSV carries the same figures as the screen.
  const byTeam = page.getByRole("region", {
    name: "Follow-up compliance by team",
  });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    byTeam
      .getByRole("link", { name: "Download CSV of the team table" })
      .click(),
  ]);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  const north = rows.find((row) => row[0] === agents.ana.team);
  const ana = expected.byAgent("ana");
  expect(north?.slice(1, 5)).toEqual([
    String(ana.leads),
    String(ana.contacted),
    String(ana.leads),
    (ana.contacted / ana.leads).toFixed(4),
  ]);
});

test("refuses per-agent tables and the work queue to a marketer, but not the team table", async ({
  browser,
}) => {
  const marketer = await signedInPage(
    browser,
    await createAccount(browser, "marketer", "sales"),
  );
  const query = "from=2026-09-01&to=2026-09-30";

  for (const table of ["agents", "compliance-agents", "work-queue"]) {
    const response = await marketer.request.get(
      `/sales/export?table=${table}&${query}`,
    );
    expect(response.status()).toBe(403);
    expect(await response.json()).toHaveProperty("error");
  }
  const teams = await marketer.request.get(
    `/sales/export?table=teams&${query}`,
  );
  expect(teams.status()).toBe(200);
  expect(teams.headers()["content-type"]).toContain("text/csv");

  await marketer.goto(`/sales?${query}`);
  await expect(
    marketer.getByRole("region", { name: "Follow-up compliance by team" }),
  ).toBeVisible();
  await expect(
    marketer.getByRole("link", {
      name: /Download CSV of (the agent table|compliance by agent|the work queue)/,
    }),
  ).toHaveCount(0);
  await marketer.context().close();
});
