import { asc, inArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { templates } from "@/lib/db/schema";
import { createLogger } from "@/lib/log";

const log = createLogger("settings");

/** The four checks of a good recovery message, by their column names. */
export const templateChecks = [
  "namesCompanyAndPerson",
  "statesReason",
  "professionalTone",
  "oneNextStep",
] as const;

export type TemplateCheck = (typeof templateChecks)[number];

const columnNames: Record<TemplateCheck, string> = {
  namesCompanyAndPerson: "names_company_and_person",
  statesReason: "states_reason",
  professionalTone: "professional_tone",
  oneNextStep: "one_next_step",
};

export type TemplateChecks = { id: number; name: string } & Record<
  TemplateCheck,
  boolean
>;

export async function listTemplateChecks(
  db: Database,
): Promise<TemplateChecks[]> {
  return db
    .select({
      id: templates.id,
      name: templates.name,
      namesCompanyAndPerson: templates.namesCompanyAndPerson,
      statesReason: templates.statesReason,
      professionalTone: templates.professionalTone,
      oneNextStep: templates.oneNextStep,
    })
    .from(templates)
    .orderBy(asc(templates.name));
}

/**
 * Sets the checks of the given templates, locked first so that two admins
 * saving at once each record their changes from the other's values. The
 * recovery figures read the checks when they run: no rebuild. Returns the
 * changes, by template name and column, which the audit entry holds too.
 */
export async function updateTemplateChecks(
  db: Database,
  actorId: number,
  wanted: ({ id: number } & Record<TemplateCheck, boolean>)[],
): Promise<Record<string, Record<string, { from: boolean; to: boolean }>>> {
  const ids = wanted.map((row) => row.id);
  if (ids.length === 0) return {};

  const changes = await db.transaction(async (tx) => {
    const current = await tx
      .select()
      .from(templates)
      .where(inArray(templates.id, ids))
      .orderBy(asc(templates.id))
      .for("update");
    const found: Record<
      string,
      Record<string, { from: boolean; to: boolean }>
    > = {};
    for (const row of current) {
      const next = wanted.find((item) => item.id === row.id);
      if (!next) continue;
      const changed = Object.fromEntries(
        templateChecks
          .filter((check) => row[check] !== next[check])
          .map((check) => [
            columnNames[check],
            { from: row[check], to: next[check] },
          ]),
      );
      if (Object.keys(changed).length === 0) continue;
      found[row.name] = changed;
      await tx
        .update(templates)
        .set(Object.fromEntries(templateChecks.map((c) => [c, next[c]])))
        .where(inArray(templates.id, [row.id]));
    }
    if (Object.keys(found).length > 0) {
      await recordAudit(tx, {
        userId: actorId,
        action: "settings_changed",
        details: { setting: "template_checks", changes: found },
      });
    }

    return found;
  });
  log.info("template checks saved", { templates: Object.keys(changes).length });

  return changes;
}
