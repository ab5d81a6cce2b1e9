import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { parseCsv, writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

// August 2026: leads in Madrid and in New York, so that a New York call at
// 10:00 on the lead's clock sits at 16:00 on the reporting zone's (Madrid),
// and an evening call there moves to the next day. The test places every
// attempt in its cell with its own clock arithmetic.
const source = "Time slots spec";
const reportZone = "Europe/Madrid";
const minCellAttempts = 20;

type FixtureLead = {
  id: string;
  zone: string;
  created: string;
  slot?: { start: string; end: string };
};
type FixtureAttempt = {
  lead: string;
  at: string;
  channel: "call" | "whatsapp";
  outcome?: "answered" | "no_answer" | "busy";
};

const leads: FixtureLead[] = [
  { id: "T1", zone: "Europe/Madrid", created: "2026-08-03T09:00:00+02:00" },
  { id: "T2", zone: "Europe/Madrid", created: "2026-08-03T09:30:00+02:00" },
  {
    id: "T3",
    zone: "America/New_York",
    created: "2026-08-03T09:00:00-04:00",
    slot: {
      start: "2026-08-04T10:00:00-04:00",
      end: "2026-08-04T11:00:00-04:00",
    },
  },
  { id: "T4", zone: "America/New_York", created: "2026-08-03T10:00:00-04:00" },
];

const attempts: FixtureAttempt[] = [
  {
    lead: "T1",
    at: "2026-08-04T10:15:00+02:00",
    channel: "call",
    outcome: "answered",
  },
  {
    lead: "T2",
    at: "2026-08-04T10:40:00+02:00",
    channel: "call",
    outcome: "no_answer",
  },
  {
    lead: "T3",
    at: "2026-08-04T10:20:00-04:00",
    channel: "call",
    outcome: "answered",
  },
  {
    lead: "T3",
    at: "2026-08-04T10:50:00-04:00",
    channel: "call",
    outcome: "no_answer",
  },
  {
    lead: "T4",
    at: "2026-08-04T10:05:00-04:00",
    channel: "call",
    outcome: "busy",
  },
  {
    lead: "T4",
    at: "2026-08-05T19:30:00-04:00",
    channel: "call",
    outcome: "no_answer",
  },
  { lead: "T3", at: "2026-08-04T12:00:00-04:00", channel: "whatsapp" },
];

type Cell = {
  weekday: string;
  hour: number;
  attempts: number;
  calls: number;
  answered: number;
};

function placeAttempt(iso: string, zone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "long",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) =>
    parts.find((candidate) => candidate.type === type)?.value ?? "";

  return { weekday: part("weekday"), hour: Number(part("hour")) };
}

function expectedCells(clock: "lead" | "report"): Cell[] {
  const cells = new Map<string, Cell>();
  for (const attempt of attempts) {
    const lead = leads.find((candidate) => candidate.id === attempt.lead);
    const { weekday, hour } = placeAttempt(
      attempt.at,
      clock === "lead" ? (lead?.zone ?? reportZone) : reportZone,
    );
    const key = `${weekday} ${hour}`;
    const cell = cells.get(key) ?? {
      weekday,
      hour,
      attempts: 0,
      calls: 0,
      answered: 0,
    };
    cell.attempts += 1;
    if (attempt.channel === "call") cell.calls += 1;
    if (attempt.outcome === "answered") cell.answered += 1;
    cells.set(key, cell);
  }

  return [...cells.values()];
}

const twoDigits = (hour: number) => String(hour).padStart(2, "0");
const hours = (hour: number) =>
  `${twoDigits(hour)}:00–${hour === 23 ? "24" : twoDigits(hour + 1)}:00`;
const plural = (count: number, noun: string) =>
  `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The words the cell's label gives, from the test's own counts. */
function expectedLabel(cell: Cell): string {
  const thin =
    cell.attempts < minCellAttempts
      ? `; thin: ${plural(cell.attempts, "attempt")}, fewer than ${minCellAttempts}`
      : "";
  const figures =
    cell.calls === 0
      ? `no calls, ${plural(cell.attempts, "message")}`
      : `${((cell.answered / cell.calls) * 100).toFixed(1)} % answered, ${cell.answered} of ${plural(cell.calls, "call")}`;

  return `${cell.weekday} ${hours(cell.hour)}: ${figures}${thin}`;
}

function cellOf(page: Page, weekday: string, hour: number) {
  return page
    .getByRole("region", { name: "Answer rate by weekday and hour" })
    .getByRole("cell", { name: `${weekday} ${hours(hour)}:` });
}

function writeFixture() {
  const leadsFile = writeCsv(
    "time-slots-leads.csv",
    leads.map((lead) => ({
      external_id: lead.id,
      source,
      created_at: lead.created,
      time_zone: lead.zone,
      consent_whatsapp: "yes",
      preferred_slot_start: lead.slot?.start ?? "",
      preferred_slot_end: lead.slot?.end ?? "",
    })),
  );
  const attemptsFile = writeCsv(
    "time-slots-attempts.csv",
    attempts.map((attempt, index) => ({
      external_id: `time-slots-${index + 1}`,
      lead_external_id: attempt.lead,
      channel: attempt.channel,
      direction: "outbound",
      agent: "time-slots-spec-agent",
      started_at: attempt.at,
      outcome: attempt.outcome ?? "",
      message_status: attempt.channel === "call" ? "" : "delivered",
    })),
  );

  return { leadsFile, attemptsFile };
}

test("places attempts on the lead's clock or the reporting zone's, with thin and untried cells", async ({
  page,
}) => {
  await signIn(page);
  const { leadsFile, attemptsFile } = writeFixture();
  await importThroughPage(page, "leads", leadsFile, "e2e-time-slots");
  await importThroughPage(page, "attempts", attemptsFile, "e2e-time-slots");

  await page.goto("/time-slots?from=2026-08-01&to=2026-08-31");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText(/^Sources:/).click();
  await filters.getByLabel(source).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText(`Sources: ${source}`)).toBeVisible();

  const leadCells = expectedCells("lead");
  for (const cell of leadCells) {
    await expect(cellOf(page, cell.weekday, cell.hour)).toHaveAttribute(
      "aria-label",
      expectedLabel(cell),
    );
  }
  // A cell nobody tried says so instead of showing 0 %.
  const tried = new Set(
    leadCells.map((cell) => `${cell.weekday} ${cell.hour}`),
  );
  expect(tried.has("Monday 3")).toBe(false);
  await expect(cellOf(page, "Monday", 3)).toHaveAttribute(
    "aria-label",
    `Monday ${hours(3)}: untried: no attempts`,
  );

  // Attempts inside the window the lead asked for, over the attempts of
  // leads that gave one.
  const withWindow = attempts.filter(
    (attempt) => leads.find((lead) => lead.id === attempt.lead)?.slot,
  );
  const inSlot = withWindow.filter((attempt) => {
    const slot = leads.find((lead) => lead.id === attempt.lead)?.slot;
    const at = Date.parse(attempt.at);

    return slot && at >= Date.parse(slot.start) && at < Date.parse(slot.end);
  });
  const share = page.getByRole("region", { name: "In-slot share" });
  await expect(share.getByTestId("rate-numerator")).toHaveText(
    String(inSlot.length),
  );
  await expect(share.getByTestId("rate-denominator")).toHaveText(
    String(withWindow.length),
  );

  // Every cell here is thin, so no best or worst slot is named.
  expect(leadCells.every((cell) => cell.attempts < minCellAttempts)).toBe(true);
  await expect(page.getByTestId("slot-ranking")).toContainText(
    `Too few cells have at least ${minCellAttempts} attempts`,
  );

  await page
    .getByRole("navigation", { name: "Clock" })
    .getByRole("link", { name: `Reporting zone (${reportZone})` })
    .click();
  await expect(page).toHaveURL(/[?&]zone=report/);
  const reportCells = expectedCells("report");
  for (const cell of reportCells) {
    await expect(cellOf(page, cell.weekday, cell.hour)).toHaveAttribute(
      "aria-label",
      expectedLabel(cell),
    );
  }
  // The two clocks really differ for the New York leads.
  const leadKeys = leadCells.map((cell) => `${cell.weekday} ${cell.hour}`);
  const moved = reportCells.filter(
    (cell) => !leadKeys.includes(`${cell.weekday} ${cell.hour}`),
  );
  expect(moved.length).toBeGreaterThan(0);

  // A filter applied on the reporting zone's view keeps that clock: the
  // period now ends on 30 August, after the last attempt (6 August on
  // Madrid's clock), so the cells stay the same.
  await filters.getByLabel("To", { exact: true }).fill("2026-08-30");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]to=2026-08-30/);
  await expect(page).toHaveURL(/[?&]zone=report/);
  await expect(
    page
      .getByRole("navigation", { name: "Clock" })
      .getByRole("link", { name: `Reporting zone (${reportZone})` }),
  ).toHaveAttribute("aria-current", "true");
  for (const cell of reportCells) {
    await expect(cellOf(page, cell.weekday, cell.hour)).toHaveAttribute(
      "aria-label",
      expectedLabel(cell),
    );
  }

  // The CSV keeps the clock and gives the same counts.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page
      .getByRole("link", { name: "Download CSV of the time-slot grid" })
      .click(),
  ]);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  const header = rows[0] ?? [];
  const column = (name: string) => header.indexOf(name);
  for (const cell of reportCells) {
    const row = rows.find(
      (candidate) =>
        candidate[column("weekday_name")] === cell.weekday &&
        candidate[column("hour")] === String(cell.hour),
    );
    expect(row?.[column("clock")]).toBe("report");
    expect(
      [column("attempts"), column("calls"), column("answered")].map(
        (index) => row?.[index],
      ),
    ).toEqual([
      String(cell.attempts),
      String(cell.calls),
      String(cell.answered),
    ]);
  }
});
