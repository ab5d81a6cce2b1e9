import { type SQL, sql } from "drizzle-orm";

/**
 * The lead converted: the flag, a conversion instant without the flag, or
 * a disposition flagged `converted` on its own code or on the code of any
 * of its attempts. Every attempt counts, whatever the channel filter: a
 * conversion is a property of the lead, not of a channel. A conversion
 * read from a disposition leaves its instant unknown.
 */
export function isConvertedLead(lead = sql.raw("l")): SQL {
  return sql`(${lead}.converted or ${lead}.converted_at is not null
    or exists (
      select 1 from disposition_codes cvc
      join dispositions cvd on cvd.id = cvc.disposition_id
      where cvd.converted and cvc.origin = ${lead}.origin
        and cvc.code = lower(trim(${lead}.disposition_code)))
    or exists (
      select 1 from attempts cva
      join disposition_codes cvc
        on cvc.origin = cva.origin and cvc.code = lower(trim(cva.disposition_code))
      join dispositions cvd on cvd.id = cvc.disposition_id
      where cva.lead_id = ${lead}.id and cvd.converted))`;
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
