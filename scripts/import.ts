import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openConfiguredDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { isLogged } from "@/lib/log";
import {
  importFile,
  listPresets,
  type PresetName,
  presetNames,
} from "@/lib/import";
import {
  isMappablePreset,
  parseColumnMapping,
} from "@/lib/import/column-mapping";

// `npm run import -- --preset NAME [options] FILE`: one file into the
// configured database. Exit codes: 0 imported, 1 not imported, 2 usage.

const progressEvery = 5_000;

class UsageError extends Error {}

function describeUsage(): string {
  const list = listPresets();
  const width = Math.max(...list.map((preset) => preset.name.length)) + 2;
  const presets = list
    .map((preset) => `    ${preset.name.padEnd(width)}${preset.label}`)
    .join("\n");

  return [
    "Usage: npm run import -- --preset NAME [options] FILE",
    "",
    "Imports one file (CSV, or JSON webhook bodies for whatsapp-cloud) as",
    "one transaction: when a row is invalid nothing",
    "is written. Importing the same file again changes nothing.",
    "",
    "Options:",
    "  --preset NAME     how to read the file (required), one of:",
    presets,
    "  --origin NAME     the system the records come from, for the leads and",
    "                    attempts presets (default csv)",
    "  --timezone ZONE   IANA zone of timestamps without an offset",
    "                    (default: the organisation's zone)",
    "  --date-order dmy|mdy",
    "                    day-first or month-first, for dates such as",
    "                    03/04/2026 when no day in the file is above 12",
    "  --year YYYY       bank-marketing only: the year of the file's first",
    "                    row; the year advances where the dates turn from",
    "                    December to January (rows must be in date order)",
    "  --columns JSON    leads and attempts only: the field of each column,",
    "                    by position, null to leave one out, such as",
    '                    \'["external_id","source",null]\'',
    "  --skip-invalid    import the valid rows and report the others",
    "  --help            show this help",
    "",
    "The database is the embedded one in .data/, or DATABASE_URL when set.",
    "Exit codes: 0 imported, 1 not imported (nothing written), 2 usage error.",
    "See docs/import.md for each preset's columns.",
  ].join("\n");
}

function readArguments(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        preset: { type: "string" },
        origin: { type: "string" },
        timezone: { type: "string" },
        "date-order": { type: "string" },
        year: { type: "string" },
        columns: { type: "string" },
        "skip-invalid": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message : String(error),
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return null;

  if (!values.preset) throw new UsageError("--preset is required.");
  if (!(presetNames as readonly string[]).includes(values.preset)) {
    throw new UsageError(
      `Unknown preset "${values.preset}"; choose one of ${presetNames.join(", ")}.`,
    );
  }
  const dateOrder = values["date-order"];
  if (dateOrder !== undefined && dateOrder !== "dmy" && dateOrder !== "mdy")
    throw new UsageError('--date-order is "dmy" or "mdy".');
  const year = readYear(values.preset, values.year);
  const columnMapping = readColumns(values.preset, values.columns);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError("Name exactly one FILE to import.");
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new UsageError(`There is no file ${file}.`);

  return {
    preset: values.preset as PresetName,
    file,
    origin: values.origin,
    timeZone: values.timezone,
    dateOrder: dateOrder as "dmy" | "mdy" | undefined,
    year,
    columnMapping,
    skipInvalid: values["skip-invalid"] ?? false,
  };
}

function readYear(preset: string, text: string | undefined) {
  if (text === undefined) return undefined;
  if (preset !== "bank-marketing")
    throw new UsageError("--year is for the bank-marketing preset only.");
  if (!/^\d{4}$/.test(text))
    throw new UsageError(`--year is a year such as 2008, not "${text}".`);

  return Number(text);
}

function readColumns(preset: string, text: string | undefined) {
  if (text === undefined) return undefined;
  if (!isMappablePreset(preset))
    throw new UsageError("--columns is for the leads and attempts presets.");
  const mapping = parseColumnMapping(text);
  if (typeof mapping === "string") throw new UsageError(mapping);

  return mapping;
}

async function main(): Promise<number> {
  let args;
  try {
    args = readArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(
      `${error.message}\nRun npm run import -- --help for the options.`,
    );

    return 2;
  }
  if (args === null) {
    console.log(describeUsage());

    return 0;
  }

  // Progress is information: a quieter log level leaves it out.
  const quiet = !isLogged("info");
  const connection = await openConfiguredDatabase();
  try {
    const summary = await importFile(connection.db, {
      preset: args.preset,
      fileName: path.basename(args.file),
      input: fs.createReadStream(args.file),
      origin: args.origin,
      timeZone: args.timeZone,
      dateOrder: args.dateOrder,
      year: args.year,
      columnMapping: args.columnMapping,
      // A month-first file is read a second time from disk, not held.
      reopen: () => fs.createReadStream(args.file),
      skipInvalid: args.skipInvalid,
      onProgress: (rows) => {
        if (quiet) return;
        if (rows % progressEvery === 0)
          console.error(`… ${rows.toLocaleString("en-US")} rows read`);
      },
    });
    console.log(summary.lines.join("\n"));

    return 0;
  } finally {
    await connection.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    // A rejected file's message is its problem list; a conflict says who
    // holds the embedded database. An internal error's own message may
    // quote the rows it was writing, phones included: only at debug level.
    const described = describeError(error);
    console.error(described.message);
    if (described.code === "internal") {
      console.error(describeInternal(error));
    }
    process.exit(1);
  });

function describeInternal(error: unknown): string {
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? error.cause
      : error;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause
      ? cause.code
      : undefined;
  const name = cause instanceof Error ? cause.name : typeof cause;
  if (env.REACHBOARD_LOG === "debug" && cause instanceof Error)
    return `${name}: ${cause.message}`;

  return `(${name}${typeof code === "string" ? ` ${code}` : ""}; run with REACHBOARD_LOG=debug for details)`;
}
