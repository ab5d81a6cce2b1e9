import { createHash } from "node:crypto";
import { listPresetDefinitions, type PresetName } from "./presets";
import { readCsvRows } from "./read-csv";
import { ReadingState } from "./reading";
import type { RunContext } from "./types";
import { readWebhookFile } from "./whatsapp-file";

// Presets with their own columns come before the generic ones, whose
// headers a CRM export could also satisfy by chance.
const generic: readonly string[] = ["leads", "attempts"];

/**
 * The presets whose reader accepts the file's first row (its header, or
 * the first record of a headerless log), most specific first; empty when
 * none does. Reads only the first row.
 */
export async function detectPresets(
  input: Buffer,
  context: Omit<RunContext, "reading" | "origin">,
): Promise<PresetName[]> {
  // CSV never starts with a brace or a bracket; JSON files are webhook bodies.
  const start = input
    .toString("utf8", 0, 64)
    .replace(/^\uFEFF/, "")
    .trim();
  if (start.startsWith("{") || start.startsWith("[")) {
    const read = readWebhookFile("", input.toString("utf8"));

    return "problem" in read ? [] : ["whatsapp-cloud"];
  }
  const rows = readCsvRows(input, createHash("sha256"));
  let first: string[] | null = null;
  try {
    for await (const { fields } of rows) {
      if (fields.every((field) => field.trim() === "")) continue;
      first = fields;
      break;
    }
  } catch {
    return [];
  } finally {
    await rows.return(undefined);
  }
  if (first === null) return [];
  const header = first;

  const fits = listPresetDefinitions().filter((preset) => {
    const opened = preset.open(header, {
      ...context,
      origin: preset.origin ?? "csv",
      reading: new ReadingState(),
    });

    return !("problems" in opened);
  });

  return [
    ...fits.filter((preset) => !generic.includes(preset.name)),
    ...fits.filter((preset) => generic.includes(preset.name)),
  ].map((preset) => preset.name as PresetName);
}
