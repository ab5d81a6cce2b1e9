import { eq, sql } from "drizzle-orm";
import { rebuildAggregates } from "@/lib/aggregates";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { type SlotDefinition, settings } from "@/lib/db/schema";
import { createLogger } from "@/lib/log";
import type { FieldErrors } from "./validate";

const log = createLogger("settings");

/** A slot as the form sends it: its name and hours as typed. A row left
 * empty is no slot. */
export type SlotForm = { name: string; start: string; end: string };

export type SlotsValidation =
  { ok: true; slots: SlotDefinition[] } | { ok: false; fields: FieldErrors };

export type SlotsUpdate =
  | { ok: false; fields: FieldErrors }
  | {
      ok: true;
      changes: { slots?: { from: SlotDefinition[]; to: SlotDefinition[] } };
      rebuilt: boolean;
    };

/** At most this many slots: a lead's slots are counted as bits of an
 * integer, and a day of whole hours holds 24 at most anyway. */
export const maxSlots = 24;

const nameLength = 40;

function readHour(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return null;
  const hour = Number(trimmed);

  return hour >= min && hour <= max ? hour : null;
}

/**
 * Reads the slot rows, or says what each wrong field expected, by the
 * field's name (`slots.N.name`, `.start`, `.end`; `slots` for the list).
 * A slot has a name of its own (compared without case) and whole hours
 * [start, end) of the local day, from 0 to 24; no two slots overlap, and
 * there are at least as many as the policy asks for in `policySlots`.
 * The slots are kept in the order of their hours.
 */
export function validateSlots(
  rows: SlotForm[],
  policySlots: number,
): SlotsValidation {
  const fields: FieldErrors = {};
  const slots: (SlotDefinition & { index: number })[] = [];
  const names = new Map<string, number>();
  rows.forEach((row, index) => {
    const name = row.name.trim();
    if (name === "" && row.start.trim() === "" && row.end.trim() === "") return;
    const at = `slots.${index}`;
    if (name === "" || name.length > nameLength)
      fields[`${at}.name`] = `Enter a name of 1 to ${nameLength} characters.`;
    else if (names.has(name.toLowerCase()))
      fields[`${at}.name`] = `Another slot is named "${name}" already.`;
    names.set(name.toLowerCase(), index);
    const start = readHour(row.start, 0, 23);
    const end = readHour(row.end, 1, 24);
    if (start === null)
      fields[`${at}.start`] = "Enter a whole hour from 0 to 23.";
    if (end === null) fields[`${at}.end`] = "Enter a whole hour from 1 to 24.";
    else if (start !== null && end <= start)
      fields[`${at}.end`] =
        `Enter an hour after the start (${start}), at most 24.`;
    if (start !== null && end !== null && end > start)
      slots.push({ name, startHour: start, endHour: end, index });
  });

  // Of two overlapping slots, the one lower in the form is flagged: most
  // often the one just added.
  slots.sort((a, b) => a.startHour - b.startHour || a.index - b.index);
  for (let next = 1; next < slots.length; next += 1) {
    const before = slots[next - 1];
    const slot = slots[next];
    if (!before || !slot || slot.startHour >= before.endHour) continue;
    const [flagged, other] =
      slot.index > before.index ? [slot, before] : [before, slot];
    fields[`slots.${flagged.index}.start`] ??=
      `Overlaps ${other.name} (${other.startHour}–${other.endHour}): choose hours outside it.`;
  }
  const count = rows.filter(
    (row) => `${row.name}${row.start}${row.end}`.trim() !== "",
  ).length;
  if (count > maxSlots) fields.slots = `Define at most ${maxSlots} slots.`;
  else if (count < Math.max(1, policySlots))
    fields.slots =
      policySlots > 1
        ? `The policy asks for calls in ${policySlots} distinct slots: define at least ${policySlots}, or lower "Policy slots" first.`
        : "Define at least one slot.";
  if (Object.keys(fields).length > 0) return { ok: false, fields };

  return {
    ok: true,
    slots: slots.map(({ name, startHour, endHour }) => ({
      name,
      startHour,
      endHour,
    })),
  };
}

// Stored as jsonb, whose objects come back with their keys in another order.
function sameSlots(a: SlotDefinition[], b: SlotDefinition[]): boolean {
  const text = (slots: SlotDefinition[]) =>
    JSON.stringify(
      slots.map((slot) => [slot.name, slot.startHour, slot.endHour]),
    );

  return text(a) === text(b);
}

/**
 * Saves the organisation's slots from the form, or writes nothing and says
 * what each wrong field expected. One transaction, with the settings row
 * locked before it is read (a concurrent save of the policy waits); the
 * change is audited old → new, and the aggregates, which hold each
 * attempt's slot, are rebuilt in it.
 */
export async function updateSlots(
  db: Database,
  actorId: number,
  rows: SlotForm[],
): Promise<SlotsUpdate> {
  const started = Date.now();
  const result = await db.transaction(async (tx): Promise<SlotsUpdate> => {
    await tx.insert(settings).values({ id: 1 }).onConflictDoNothing();
    const [old] = await tx
      .select({ slots: settings.slots, policySlots: settings.policySlots })
      .from(settings)
      .where(eq(settings.id, 1))
      .for("update");
    if (!old) throw new Error("settings row missing after insert");
    const validation = validateSlots(rows, old.policySlots);
    if (!validation.ok) return validation;
    if (sameSlots(old.slots, validation.slots))
      return { ok: true, changes: {}, rebuilt: false };

    await tx
      .update(settings)
      .set({ slots: validation.slots, updatedAt: sql`now()` })
      .where(eq(settings.id, 1));
    const changes = { slots: { from: old.slots, to: validation.slots } };
    await recordAudit(tx, {
      userId: actorId,
      action: "settings_changed",
      details: { setting: "slots", changes },
    });
    await rebuildAggregates(tx);

    return { ok: true, changes, rebuilt: true };
  });
  if (result.ok && result.rebuilt) {
    log.info("slots saved", {
      slots: result.changes.slots?.to.length ?? 0,
      ms: Date.now() - started,
    });
  }

  return result;
}
