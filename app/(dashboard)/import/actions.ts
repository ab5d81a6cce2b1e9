"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import {
  isMappablePreset,
  parseColumnMapping,
} from "@/lib/import/column-mapping";
import { type FilePreview, previewFile } from "@/lib/import/preview-file";
import { undoImport } from "@/lib/import/undo";
import { getSettings } from "@/lib/settings";
import { choosePreset } from "./import-request";

export type PreviewState =
  | { status: "error"; message: string }
  | {
      status: "ready";
      /** The preset chosen or recognised; null when none fits. */
      preset: string | null;
      /** For the generic presets: the mapping and the first rows. */
      preview: FilePreview | null;
    };

/**
 * The preset of a file's first bytes and, for the generic presets, the
 * columns mapped (as given, or as recognised) with the first rows as the
 * import will read them. The page sends only the file's beginning.
 */
export async function previewAction(form: FormData): Promise<PreviewState> {
  try {
    await requireUser("importData");
  } catch (error) {
    return { status: "error", message: describeError(error).message };
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0)
    return { status: "error", message: "Choose a file to import." };
  const wanted = z.string().max(40).safeParse(form.get("preset"));
  const timeZone = z
    .string()
    .max(60)
    .safeParse(form.get("timeZone") ?? "");
  const mappingText = form.get("columnMapping");
  const mapping =
    typeof mappingText === "string" && mappingText !== ""
      ? parseColumnMapping(mappingText)
      : undefined;
  if (!wanted.success || typeof mapping === "string")
    return {
      status: "error",
      message: typeof mapping === "string" ? mapping : "Pick a preset.",
    };

  try {
    const input = Buffer.from(await file.arrayBuffer());
    const preset = await choosePreset(wanted.data, input);
    if (preset === null || !isMappablePreset(preset))
      return { status: "ready", preset, preview: null };
    const settings = await getSettings(await getDb());
    const preview = await previewFile(
      input,
      preset,
      {
        origin: "csv",
        timeZone:
          (timeZone.success && timeZone.data.trim()) ||
          settings.organisationTimezone,
        defaultCountry: settings.defaultCountry,
        reportCurrency: settings.reportCurrency,
      },
      mapping,
    );

    return { status: "ready", preset, preview };
  } catch (error) {
    return { status: "error", message: describeError(error).message };
  }
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
