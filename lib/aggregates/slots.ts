import { type SQL, sql } from "drizzle-orm";
import type { SlotDefinition } from "@/lib/db/schema";

/**
 * A bit per distinct slot name for the slot the local `hour` falls in (the
 * first listed slot wins, as slotOfHour says), 0 outside every slot, so
 * that distinct slots add up as `bit_or` and count as set bits.
 */
export function slotBit(slots: SlotDefinition[], hour: SQL): SQL {
  if (slots.length === 0) return sql`0`;
  const names = [...new Set(slots.map((slot) => slot.name))];
  const branches = slots.map(
    (slot) =>
      sql`when ${hour} >= ${slot.startHour}::int and ${hour} < ${slot.endHour}::int
        then ${2 ** names.indexOf(slot.name)}::int`,
  );

  return sql`(case ${sql.join(branches, sql` `)} else 0 end)`;
}

/** How many distinct slots a mask of slotBit holds. */
export function countSlotBits(slots: SlotDefinition[], mask: SQL): SQL {
  const names = [...new Set(slots.map((slot) => slot.name))];
  if (names.length === 0) return sql`0`;
  const bits = names.map(
    (_, index) => sql`(${mask} & ${2 ** index}::int <> 0)::int`,
  );

  return sql`(${sql.join(bits, sql` + `)})`;
}
