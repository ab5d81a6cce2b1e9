import { timestamp } from "drizzle-orm/pg-core";

export {
  bigint,
  bigserial,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** Every instant is stored with its zone; JS sees a Date in UTC. */
export function timestamptz(name: string) {
  return timestamp(name, { withTimezone: true, mode: "date" });
}
