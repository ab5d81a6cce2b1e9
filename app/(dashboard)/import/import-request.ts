import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { type ImportOptions, importFile, listPresets } from "@/lib/import";
import {
  isMappablePreset,
  parseColumnMapping,
} from "@/lib/import/column-mapping";
import { detectPresets } from "@/lib/import/detect-preset";
import { createLogger } from "@/lib/log";
import { getSettings } from "@/lib/settings";

const log = createLogger("import-action");

export type ImportState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | {
      status: "done";
      fileName: string;
      lines: string[];
      /** Set for a check without import: the first records as read. */
      preview: Record<string, unknown>[] | null;
    };

/** What the server is doing with an uploaded file, as it goes. */
export type ImportStage =
  | { stage: "reading"; rows: number }
  | { stage: "writing" }
  | { stage: "updating" };

const presetNames = ["auto", ...listPresets().map((preset) => preset.name)] as [
  string,
  ...string[],
];

const formSchema = z.object({
  preset: z.enum(presetNames, { message: "Pick a preset." }),
  origin: z.string().trim().max(60).optional(),
  timeZone: z.string().trim().max(60).optional(),
  dateOrder: z.enum(["dmy", "mdy"]).optional(),
  year: z.coerce
    .number({ message: "The year is a number such as 2008." })
    .int({ message: "The year is a whole number such as 2008." })
    .min(1900, { message: "The year is between 1900 and 2100." })
    .max(2100, { message: "The year is between 1900 and 2100." })
    .optional(),
  columnMapping: z.string().max(20_000).optional(),
  skipInvalid: z.boolean(),
});

type PresetName = ImportOptions["preset"];

// Phases the import reports as they end (see importFile's onPhase), and
// what the page says comes next. A phase not listed changes nothing shown.
const nextStage: Record<string, ImportStage> = {
  "read, convert and write to staging": { stage: "writing" },
  persons: { stage: "updating" },
};

/**
 * Reads the upload form, imports its file (or checks it, for mode=check)
 * and says what happened, as the page shows it. The caller has checked the
 * session; `onStage` hears how far the server got.
 */
export async function runImportRequest(
  user: CurrentUser,
  form: FormData,
  onStage: (stage: ImportStage) => void = () => {},
): Promise<ImportState> {
  const file = form.get("file");
  const parsed = formSchema.safeParse({
    preset: form.get("preset"),
    origin: form.get("origin") || undefined,
    timeZone: form.get("timeZone") || undefined,
    dateOrder: form.get("dateOrder") || undefined,
    year: form.get("year") || undefined,
    columnMapping: form.get("columnMapping") || undefined,
    skipInvalid: form.get("skipInvalid") === "on",
  });
  if (!parsed.success)
    return {
      status: "error",
      message: parsed.error.issues[0]?.message ?? "Check the form.",
    };
  if (!(file instanceof File) || file.size === 0)
    return { status: "error", message: "Choose a file to import." };

  const db = await getDb();
  const dryRun = form.get("mode") === "check";
  const input = Buffer.from(await file.arrayBuffer());
  const preset = await choosePreset(parsed.data.preset, input);
  if (preset === null) {
    return {
      status: "error",
      message: `No preset recognises the first row of ${file.name}: pick the preset that describes the file.`,
    };
  }
  const extra = readPresetOptions(preset, parsed.data);
  if ("message" in extra) return { status: "error", message: extra.message };

  try {
    const options: ImportOptions = {
      preset,
      fileName: file.name,
      input,
      origin: parsed.data.origin,
      timeZone: parsed.data.timeZone,
      dateOrder: parsed.data.dateOrder,
      skipInvalid: parsed.data.skipInvalid,
      userId: user.id,
      dryRun,
      ...extra,
      onProgress: (rows) => onStage({ stage: "reading", rows }),
      onPhase: (phase) => {
        const next = nextStage[phase];
        if (next && !(dryRun && next.stage === "updating")) onStage(next);
      },
    };
    const summary = await importFile(db, options);
    const lines =
      parsed.data.preset === "auto"
        ? [`Preset ${preset}, recognised from the first row.`, ...summary.lines]
        : summary.lines;
    if (dryRun) {
      return {
        status: "done",
        fileName: file.name,
        lines,
        preview: summary.preview,
      };
    }
    await recordAudit(db, {
      userId: user.id,
      action: "import",
      details: { preset, importId: summary.importId },
    });
    revalidatePath("/", "layout");

    return { status: "done", fileName: file.name, lines, preview: null };
  } catch (error) {
    const described = describeError(error);
    if (described.code === "internal")
      log.error("import failed", { preset: parsed.data.preset, error });

    return { status: "error", message: described.message };
  }
}

function readPresetOptions(
  preset: PresetName,
  data: { year?: number; columnMapping?: string },
): Pick<ImportOptions, "year" | "columnMapping"> | { message: string } {
  const options: Pick<ImportOptions, "year" | "columnMapping"> = {};
  if (data.year !== undefined) {
    if (preset !== "bank-marketing")
      return { message: "A year is for the bank telemarketing file only." };
    options.year = data.year;
  }
  if (data.columnMapping !== undefined) {
    if (!isMappablePreset(preset))
      return {
        message: `Columns can be mapped for the generic leads and attempts presets only, not ${preset}.`,
      };
    const mapping = parseColumnMapping(data.columnMapping);
    if (typeof mapping === "string") return { message: mapping };
    options.columnMapping = mapping;
  }

  return options;
}

/** The chosen preset, or the first one that accepts the file's first row. */
export async function choosePreset(
  wanted: string,
  input: Buffer,
): Promise<PresetName | null> {
  if (wanted !== "auto") return wanted as PresetName;
  const settings = await getSettings(await getDb());
  const [first] = await detectPresets(input, {
    timeZone: settings.organisationTimezone,
    defaultCountry: settings.defaultCountry,
    reportCurrency: settings.reportCurrency,
  });

  return first ?? null;
}
