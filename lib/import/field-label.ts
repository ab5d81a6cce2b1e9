// Words a field code spells that read differently in a sentence.
const wordLabels: Record<string, string> = {
  email: "e-mail",
  sms: "SMS",
  whatsapp: "WhatsApp",
};

/** A preset field as a person reads it: `external_id` is "External id",
 * `consent_email` is "Consent e-mail". */
export function labelField(field: string): string {
  const words = field
    .split("_")
    .filter((word) => word !== "")
    .map((word) => wordLabels[word] ?? word);
  const text = words.join(" ");

  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A mapping problem with each quoted field code of the preset replaced by
 * its label, so the message names the fields as the select shows them. */
export function labelFieldsInProblem(
  problem: string,
  fields: readonly string[],
): string {
  return fields.reduce(
    (text, field) => text.replaceAll(`"${field}"`, `"${labelField(field)}"`),
    problem,
  );
}
