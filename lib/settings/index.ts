import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { settings } from "@/lib/db/schema";

export type Settings = typeof settings.$inferSelect;

/** The organisation's settings, created with the documented defaults on
 * first read. */
export async function getSettings(db: Database): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (row) return row;
  await db.insert(settings).values({ id: 1 }).onConflictDoNothing();
  const [created] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!created) throw new Error("settings row missing after insert");

  return created;
}
