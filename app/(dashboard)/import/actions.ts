"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { importFile, listPresets } from "@/lib/import";
import { detectPresets } from "@/lib/import/detect-preset";
import { undoImport } from "@/lib/import/undo";
import { getSettings } from "@/lib/settings";
import { createLogger } from "@/lib/log";

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

const presetNames = ["auto", ...listPresets().map((preset) => preset.name)] as [
  string,
  ...string[],
];

const formSchema = z.object({
  preset: z.enum(presetNames, { message: "Pick a preset." }),
  origin: z.string().trim().max(60).optional(),
  timeZone: z.string().trim().max(60).optional(),
  dateOrder: z.enum(["dmy", "mdy"]).optional(),
  skipInvalid: z.boolean(),
});

export async function importAction(
  _previous: ImportState,
  form: FormData,
): Promise<ImportState> {
  let user;
  try {
    user = await requireUser("importData");
  } catch (error) {
    return { status: "error", message: describeError(error).message };
  }

  const file = form.get("file");
  const parsed = formSchema.safeParse({
    preset: form.get("preset"),
    origin: form.get("origin") || undefined,
    timeZone: form.get("timeZone") || undefined,
    dateOrder: form.get("dateOrder") || undefined,
    skipInvalid: form.get("skipInvalid") === "on",
  });
  if (!parsed.success)
    return {
      status: "error",
      message: parsed.error.issues[0]?.message ?? "Check the form.",
    };
  if (!(file instanceof File) || file.size === 0)
    return { status: "error", message: "Choose a CSV file to import." };

  const db = await getDb();
  const dryRun = form.get("mode") === "check";
  const input = Buffer.from(await file.arrayBuffer());
  const preset = await choosePreset(db, parsed.data.preset, input);
  if (preset === null) {
    return {
      status: "error",
      message: `No preset recognises the first row of ${file.name}: pick the preset that describes the file.`,
    };
  }
  try {
    const summary = await importFile(db, {
      preset,
      fileName: file.name,
      input,
      origin: parsed.data.origin,
      timeZone: parsed.data.timeZone,
      dateOrder: parsed.data.dateOrder,
      skipInvalid: parsed.data.skipInvalid,
      userId: user.id,
      dryRun,
    });
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
      details: { preset: parsed.data.preset, importId: summary.importId },
    });
    revalidatePath("/", "layout");

    return { status: "done", fileName: file.name, lines, preview: null };
  } catch (error) {
    const described = describeError(error);
    if (described.code === "internal")
      log.error("import failed", { preset: parsed.data.preset });

    return { status: "error", message: described.message };
  }
}

type PresetName = Parameters<typeof importFile>[1]["preset"];

async function choosePreset(
  db: Awaited<ReturnType<typeof getDb>>,
  wanted: string,
  input: Buffer,
): Promise<PresetName | null> {
  if (wanted !== "auto") return wanted as PresetName;
  const settings = await getSettings(db);
  const [first] = await detectPresets(input, {
    timeZone: settings.organisationTimezone,
    defaultCountry: settings.defaultCountry,
    reportCurrency: settings.reportCurrency,
  });

  return first ?? null;
}

export type UndoState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "done"; message: string };

const undoSchema = z.object({ importId: z.coerce.number().int().positive() });

export async function undoImportAction(
  _previous: UndoState,
  form: FormData,
): Promise<UndoState> {
  const parsed = undoSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return { status: "error", message: "There is no such import." };

  try {
    const user = await requireUser("importData");
    const removed = await undoImport(
      await getDb(),
      user.id,
      parsed.data.importId,
    );
    revalidatePath("/", "layout");

    return {
      status: "done",
      message: `Undone: ${removed.leads.toLocaleString("en-US")} leads and ${removed.attempts.toLocaleString("en-US")} attempts removed.`,
    };
  } catch (error) {
    return { status: "error", message: describeError(error).message };
  }
}
