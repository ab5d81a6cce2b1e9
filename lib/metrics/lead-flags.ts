import { type SQL, sql } from "drizzle-orm";

/** The lead converted: the flag, or a conversion instant without the flag. */
export function isConvertedLead(lead = sql.raw("l")): SQL {
  return sql`(${lead}.converted or ${lead}.converted_at is not null)`;
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
