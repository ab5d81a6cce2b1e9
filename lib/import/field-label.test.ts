import { describe, expect, it } from "vitest";
import { labelField, labelFieldsInProblem } from "./field-label";

describe("labelField", () => {
  it("turns a field code into words with a capital first letter", () => {
    expect(labelField("external_id")).toBe("External id");
    expect(labelField("created_at")).toBe("Created at");
    expect(labelField("source")).toBe("Source");
  });

  it("spells e-mail, SMS and WhatsApp as the rest of the product does", () => {
    expect(labelField("email")).toBe("E-mail");
    expect(labelField("consent_email")).toBe("Consent e-mail");
    expect(labelField("consent_sms")).toBe("Consent SMS");
    expect(labelField("consent_whatsapp")).toBe("Consent WhatsApp");
  });
});

describe("labelFieldsInProblem", () => {
  it("replaces only the quoted codes of the preset's fields", () => {
    const problem =
      'expected a column mapped to the required fields "external_id" and "source"; source stays';

    expect(labelFieldsInProblem(problem, ["external_id", "source"])).toBe(
      'expected a column mapped to the required fields "External id" and "Source"; source stays',
    );
  });
});
