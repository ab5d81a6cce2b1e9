import fs from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { parseCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";

const file = path.resolve(
  process.cwd(),
  "..",
  "shared",
  "data",
  "x-education-leads",
  "Leads.csv",
);

// This spec files the X Education leads under their "Lead Origin" (API,
// Landing Page Submission, ...), a column no other spec uses as a source,
// and under an origin of its own, so the figures it reads are its own.
const origin = "e2e-mapped";

type Expected = {
  total: number;
  first: { id: string; origin: string; converted: string };
  sources: { name: string; leads: number; converted: number }[];
};

// From the file itself, with the test's own CSV reader.
function readExpected(): Expected {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
  const column = (name: string) => header?.indexOf(name) ?? -1;
  const [id, source, converted] = [
    column("Prospect ID"),
    column("Lead Origin"),
    column("Converted"),
  ];
  const bySource = new Map<string, { leads: number; converted: number }>();
  for (const row of rows) {
    const name = row[source] ?? "";
    const entry = bySource.get(name) ?? { leads: 0, converted: 0 };
    entry.leads += 1;
    if (row[converted] === "1") entry.converted += 1;
    bySource.set(name, entry);
  }
  const [first] = rows;

  return {
    total: rows.length,
    first: {
      id: first?.[id] ?? "",
      origin: first?.[source] ?? "",
      converted: first?.[converted] === "1" ? "yes" : "no",
    },
    sources: [...bySource].map(([name, counts]) => ({ name, ...counts })),
  };
}

function sourceRow(page: Page, name: string) {
  return page
    .getByRole("region", { name: "Sources" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

async function expectNoSources(page: Page, expected: Expected) {
  await page.goto("/overview");
  await expect(page.getByRole("region", { name: "Sources" })).toBeVisible();
  for (const source of expected.sources)
    await expect(sourceRow(page, source.name), source.name).toHaveCount(0);
}

test.skip(!fs.existsSync(file), `the X Education export is not at ${file}`);

test("maps a file's columns, imports it with progress, shows its leads, and undoes it", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const expected = readExpected();
  await signIn(page);
  await expectNoSources(page, expected);

  await page.goto("/import");
  await page.getByRole("combobox", { name: /^Preset/ }).selectOption("leads");
  await page.getByLabel(/^File:/).setInputFiles(file);

  // None of the export's headers names a lead field: the page asks.
  const mapper = page.getByRole("region", { name: "Columns of the file" });
  await expect(mapper).toBeVisible();
  await expect(
    mapper.getByRole("list", { name: "Mapping problems" }),
  ).toContainText(
    'expected a column mapped to the required fields "External id" and "Source"',
  );
  await page
    .getByLabel("Field for column Prospect ID", { exact: true })
    .selectOption("external_id");
  await page
    .getByLabel("Field for column Lead Origin", { exact: true })
    .selectOption("source");
  await page
    .getByLabel("Field for column Converted", { exact: true })
    .selectOption("converted");

  // The preview reads the first data row (row 2) through that mapping.
  await expect(
    mapper.getByRole("list", { name: "Mapping problems" }),
  ).toHaveCount(0);
  const previewRow = (column: string) =>
    mapper.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: column, exact: true }),
    });
  await expect(previewRow("Prospect ID").getByRole("cell").nth(1)).toHaveText(
    expected.first.id,
  );
  await expect(previewRow("Lead Origin").getByRole("cell").nth(1)).toHaveText(
    expected.first.origin,
  );
  await expect(previewRow("Converted").getByRole("cell").nth(1)).toHaveText(
    expected.first.converted,
  );

  await page.getByLabel(/^Origin/).fill(origin);
  // Every text the progress shows, in order, as the page renders it.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector(
        'section[aria-label="Import progress"] p',
      )?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Import progress" }),
  ).toBeVisible();
  const summary = page.getByRole("region", { name: "Import summary" });
  await expect(summary).toBeVisible({ timeout: 120_000 });
  const total = expected.total.toLocaleString("en-US");
  await expect(summary).toContainText(`${total} rows read`);
  await expect(summary).toContainText(
    `Leads: ${total} inserted, 0 updated, 0 unchanged.`,
  );

  // The server's stages arrived while it worked: the page showed counts of
  // rows read (every 1,000 rows), rising. Updates that arrive together,
  // such as the last stages with the summary, show only the last.
  const seen = await page.evaluate(
    () => (window as unknown as { progressSeen: string[] }).progressSeen,
  );
  const counts = seen.flatMap((text) => {
    const match = /^Reading the file: ([\d,]+) rows read$/.exec(text);

    return match ? [Number(match[1]?.replaceAll(",", ""))] : [];
  });
  expect(seen[0]).toMatch(/^Sending Leads\.csv: /);
  expect(counts.filter((count) => count > 0).length).toBeGreaterThan(0);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  for (const count of counts)
    expect(count % 1000 === 0 || count === expected.total).toBe(true);

  await page.goto("/overview");
  for (const source of expected.sources) {
    const cells = sourceRow(page, source.name).getByRole("cell");
    await expect(cells.nth(0), source.name).toHaveText(
      source.leads.toLocaleString("en-GB"),
    );
    await expect(cells.nth(3), source.name).toHaveText(
      source.converted.toLocaleString("en-GB"),
    );
  }

  await page.goto("/import");
  const run = page
    .getByRole("region", { name: "Imports so far" })
    .getByRole("row")
    .filter({ hasText: "Leads.csv" })
    .filter({ has: page.getByRole("cell", { name: "leads", exact: true }) })
    .first();
  page.once("dialog", (dialog) => void dialog.accept());
  await run.getByRole("button", { name: /^Undo import/ }).click();
  await expect(
    run.getByRole("cell", { name: "undone", exact: true }),
  ).toBeVisible();

  await expectNoSources(page, expected);
});

const webhooks = path.resolve(
  process.cwd(),
  "..",
  "shared",
  "data",
  "whatsapp-cloud-webhooks",
  "message_status.json",
);

test("imports a file of WhatsApp webhook bodies once, recognised from its JSON", async ({
  page,
}) => {
  test.skip(
    !fs.existsSync(webhooks),
    `the webhook files are not at ${webhooks}`,
  );
  // Seven named status bodies: six report wamid.xyzxyz, one a group
  // without a phone number, which is skipped.
  const bodies = Object.keys(
    JSON.parse(fs.readFileSync(webhooks, "utf8")) as Record<string, unknown>,
  ).length;
  await signIn(page);

  const first = await importThroughPage(page, "auto", webhooks);
  await expect(first).toContainText(
    "Preset whatsapp-cloud, recognised from the first row.",
  );
  await expect(first).toContainText(
    `${bodies} webhook bodies with ${bodies} events read`,
  );
  await expect(first).toContainText(
    "Attempts: 1 inserted, 0 updated, 0 unchanged.",
  );
  await expect(first).toContainText("1 message skipped");

  const again = await importThroughPage(page, "whatsapp-cloud", webhooks);
  await expect(again).toContainText(
    "Attempts: 0 inserted, 0 updated, 1 unchanged.",
  );

  // Undo the first run, which inserted the attempt and its lead, so that
  // no other spec sees them.
  await page.goto("/import");
  const run = page
    .getByRole("region", { name: "Imports so far" })
    .getByRole("row")
    .filter({ hasText: "message_status.json" })
    .filter({ has: page.getByRole("button", { name: /^Undo import/ }) });
  await expect(run).toHaveCount(1);
  page.once("dialog", (dialog) => void dialog.accept());
  await run.getByRole("button", { name: /^Undo import/ }).click();
  await expect(
    page
      .getByRole("region", { name: "Imports so far" })
      .getByRole("row")
      .filter({ hasText: "message_status.json" })
      .filter({ has: page.getByRole("cell", { name: "undone", exact: true }) }),
  ).toHaveCount(1);
});
