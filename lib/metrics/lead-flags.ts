import { type SQL, sql } from "drizzle-orm";
import { joinAttemptDisposition } from "./contacted";

/**
 * A disposition flag on the lead's own code or on the code of any of its
 * attempts, whatever the channel filter: such a flag is a property of the
 * lead, not of a channel.
 */
export function hasDispositionFlag(
  flag: "converted" | "do_not_contact" | "test_record",
  lead = sql.raw("l"),
): SQL {
  const column = sql.raw(flag);

  return sql`(exists (
      select 1 from disposition_codes fc
      join dispositions fd on fd.id = fc.disposition_id
      where fd.${column} and fc.origin = ${lead}.origin
        and fc.code = lower(trim(${lead}.disposition_code)))
    or exists (
      select 1 from attempts fa ${joinAttemptDisposition("fa", "fd")}
      where fa.lead_id = ${lead}.id and coalesce(fd.${column}, false)))`;
}

/**
 * The lead converted: the flag, a conversion instant without the flag, or
 * a disposition flagged `converted` on its own code or on the code of any
 * of its attempts. A conversion read from a disposition leaves its
 * instant unknown.
 */
export function isConvertedLead(lead = sql.raw("l")): SQL {
  return sql`(${lead}.converted or ${lead}.converted_at is not null
    or ${hasDispositionFlag("converted", lead)})`;
}

/**
 * The lead carries a last outcome of its own (a disposition code), as an
 * export without an attempt log does. Of a lead without attempts, only
 * such a lead leaves its effort unknown; one with neither was not called.
 */
export function hasLastOutcome(lead = sql.raw("l")): SQL {
  return sql`(nullif(trim(${lead}.disposition_code), '') is not null)`;
}

/**
 * The lead's contact data is wrong: its own disposition code, or the code of
 * any of its attempts, maps to a disposition flagged `invalid_contact`, or a
 * call ended `invalid_number`. Every attempt counts, whatever the channel
 * filter: bad data is a property of the lead, not of a channel.
 */
export function hasInvalidContactData(lead = sql.raw("l")): SQL {
  return sql`(exists (
      select 1 from disposition_codes idc
      join dispositions idd on idd.id = idc.disposition_id
      where idd.invalid_contact and idc.origin = ${lead}.origin
        and idc.code = lower(trim(${lead}.disposition_code)))
    or exists (
      select 1 from attempts ia
      left join disposition_codes idc
        on idc.origin = ia.origin and idc.code = lower(trim(ia.disposition_code))
      left join dispositions idd on idd.id = idc.disposition_id
      where ia.lead_id = ${lead}.id
        and (ia.outcome = 'invalid_number' or coalesce(idd.invalid_contact, false))))`;
}
