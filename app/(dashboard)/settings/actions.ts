"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { type SlotForm, updateSlots } from "@/lib/settings/slots";
import {
  type SourceCostForm,
  updateSourceCosts,
} from "@/lib/settings/source-costs";
import {
  type TemplateCheck,
  templateChecks,
  updateTemplateChecks,
} from "@/lib/settings/template-checks";
import { updateSettings } from "@/lib/settings/update";
import type { FieldErrors, SettingsForm } from "@/lib/settings/validate";

/** A settings form's answer: what went wrong, field by field, with what
 * it showed when it was sent (shown again on error). */
export type FormState<Values> = {
  status: "idle" | "error" | "done";
  message: string;
  fields: FieldErrors;
  values: Values | null;
  /** Changes on every answer, so that the form shows the values it holds. */
  stamp: number;
};

type SettingsState = FormState<SettingsForm>;
type SourceCostsState = FormState<Record<string, string>>;
type SlotsState = FormState<SlotForm[]>;

/** Saves a form as `actor`: the field errors with the values kept when it
 * is refused, else the message `done` gives for the changes saved. */
async function saveForm<Values, Saved extends { changes: object }>(
  values: Values,
  save: (
    actorId: number,
  ) => Promise<({ ok: true } & Saved) | { ok: false; fields: FieldErrors }>,
  done: (changed: number, saved: Saved) => string,
): Promise<FormState<Values>> {
  const stamp = Date.now();
  try {
    const actor = await requireUser("manageSettings");
    const result = await save(actor.id);
    if (!result.ok) {
      return {
        status: "error",
        message: "Nothing was saved. Check the highlighted fields.",
        fields: result.fields,
        values,
        stamp,
      };
    }
    revalidatePath("/", "layout");
    const changed = Object.keys(result.changes).length;

    return {
      status: "done",
      message: changed === 0 ? "Nothing changed." : done(changed, result),
      fields: {},
      values: null,
      stamp,
    };
  } catch (error) {
    return {
      status: "error",
      message: describeError(error).message,
      fields: {},
      values,
      stamp,
    };
  }
}

/** The form's fields as strings, the currency rates as rows in their order. */
function readForm(form: FormData): SettingsForm {
  const values: SettingsForm = {};
  const rates: { currency: string; rate: string }[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$")) continue;
    const rate = /^rates\.(\d{1,3})\.(currency|rate)$/.exec(name);
    if (!rate) {
      values[name] = value;
      continue;
    }
    const index = Number(rate[1]);
    rates[index] ??= { currency: "", rate: "" };
    rates[index][rate[2] as "currency" | "rate"] = value;
  }
  values.rates = Array.from(rates, (row) => row ?? { currency: "", rate: "" });

  return values;
}

export async function saveSettingsAction(
  _previous: SettingsState,
  form: FormData,
): Promise<SettingsState> {
  const values = readForm(form);

  return saveForm(
    values,
    async (actorId) => updateSettings(await getDb(), actorId, values),
    (changed, saved) =>
      `Settings saved (${changed} changed${saved.rebuilt ? "; figures recomputed" : ""}).`,
  );
}

export type ChecksState = {
  status: "idle" | "error" | "done";
  message: string;
};

/** Each listed template's four checkboxes; an unticked box is not sent. */
export async function saveTemplateChecksAction(
  _previous: ChecksState,
  form: FormData,
): Promise<ChecksState> {
  const wanted = form
    .getAll("templateId")
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
    .map((id) => ({
      id,
      ...(Object.fromEntries(
        templateChecks.map((check) => [check, form.has(`${id}.${check}`)]),
      ) as Record<TemplateCheck, boolean>),
    }));

  try {
    const actor = await requireUser("manageSettings");
    const changes = await updateTemplateChecks(await getDb(), actor.id, wanted);
    revalidatePath("/settings");
    const changed = Object.keys(changes).length;

    return {
      status: "done",
      message:
        changed === 0
          ? "Nothing changed."
          : `Checks saved for ${changed} ${changed === 1 ? "template" : "templates"}.`,
    };
  } catch (error) {
    return { status: "error", message: describeError(error).message };
  }
}

/** Each listed source's amount and currency, as typed. */
export async function saveSourceCostsAction(
  _previous: SourceCostsState,
  form: FormData,
): Promise<SourceCostsState> {
  const text = (name: string) => {
    const value = form.get(name);

    return typeof value === "string" ? value : "";
  };
  const rows: SourceCostForm[] = form
    .getAll("sourceId")
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0)
    .map((id) => ({
      id,
      amount: text(`${id}.amount`),
      currency: text(`${id}.currency`),
    }));
  const values = Object.fromEntries(
    rows.flatMap((row) => [
      [`${row.id}.amount`, row.amount],
      [`${row.id}.currency`, row.currency],
    ]),
  );

  return saveForm(
    values,
    async (actorId) => updateSourceCosts(await getDb(), actorId, rows),
    (changed) =>
      `Costs saved for ${changed} ${changed === 1 ? "source" : "sources"}.`,
  );
}

/** The slot rows in their order, as typed, empty rows included: the form
 * sends every row it shows. */
export async function saveSlotsAction(
  _previous: SlotsState,
  form: FormData,
): Promise<SlotsState> {
  const text = (name: string) => {
    const value = form.get(name);

    return typeof value === "string" ? value : "";
  };
  const count = Math.max(
    0,
    ...[...form.keys()].map((name) => {
      const match = /^slots\.(\d{1,2})\.name$/.exec(name);

      return match ? Number(match[1]) + 1 : 0;
    }),
  );
  const rows: SlotForm[] = Array.from({ length: count }, (_, index) => ({
    name: text(`slots.${index}.name`),
    start: text(`slots.${index}.start`),
    end: text(`slots.${index}.end`),
  }));

  return saveForm(
    rows,
    async (actorId) => updateSlots(await getDb(), actorId, rows),
    () => "Slots saved; figures recomputed.",
  );
}
