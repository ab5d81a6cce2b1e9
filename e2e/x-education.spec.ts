import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
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

// Per source, from the file itself: spellings that differ only in case are
// one source, named as first seen; an empty source is "Unknown".
function expectedSources() {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, "utf8"));
  const sourceColumn = header?.indexOf("Lead Source") ?? -1;
  const convertedColumn = header?.indexOf("Converted") ?? -1;
  const bySource = new Map<
    string,
    { name: string; leads: number; converted: number }
  >();
  for (const row of rows) {
    const raw = (row[sourceColumn] ?? "").trim();
    const key = raw.toLowerCase() || "unknown";
    const entry = bySource.get(key) ?? {
      name: raw || "Unknown",
      leads: 0,
      converted: 0,
    };
    entry.leads += 1;
    if (row[convertedColumn] === "1") entry.converted += 1;
    bySource.set(key, entry);
  }

  return { total: rows.length, sources: [...bySource.values()] };
}

test.skip(!fs.existsSync(file), `the X Education export is not at ${file}`);

test("imports the X Education export and shows every source with its conversions", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);
  const expected = expectedSources();

  const summary = await importThroughPage(page, "x-education", file);
  await expect(summary).toContainText(
    `${expected.total.toLocaleString("en-GB")} rows read`,
  );

  await page.goto("/overview");
  const table = page.getByRole("region", { name: "Sources" });
  for (const source of expected.sources) {
    const row = table.getByRole("row").filter({
      has: page.getByRole("rowheader", { name: source.name, exact: true }),
    });
    const cells = row.getByRole("cell");
    await expect(cells.nth(0), source.name).toHaveText(
      source.leads.toLocaleString("en-GB"),
    );
    await expect(cells.nth(3), source.name).toHaveText(
      source.converted.toLocaleString("en-GB"),
    );
  }

  // Importing the same file again changes nothing.
  const again = await importThroughPage(page, "x-education", file);
  await expect(again).toContainText(
    `Leads: 0 inserted, 0 updated, ${expected.total.toLocaleString("en-GB")} unchanged.`,
  );
});
