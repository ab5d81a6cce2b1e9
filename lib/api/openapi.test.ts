import { describe, expect, it } from "vitest";
import { attemptFields, leadFields } from "./items";
import { figureNames } from "./metrics";
import { buildOpenApiDocument } from "./openapi";

type Document = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, { properties: Record<string, unknown> }>;
  };
};

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument() as Document;

  it("describes every endpoint with its methods", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(
      Object.fromEntries(
        Object.entries(document.paths).map(([path, item]) => [
          path,
          Object.keys(item),
        ]),
      ),
    ).toEqual({
      "/api/v1/leads": ["post", "get"],
      "/api/v1/attempts": ["post"],
      "/api/v1/metrics": ["get"],
      "/api/v1/metrics/{figure}": ["get"],
      "/api/v1/openapi.json": ["get"],
      "/api/webhooks/whatsapp": ["get", "post"],
      "/api/webhooks/sms": ["post"],
    });
  });

  it("lists exactly the fields the import readers take, in camelCase", () => {
    const { LeadItem, AttemptItem } = document.components.schemas;

    expect(Object.keys(LeadItem?.properties ?? {})).toEqual(leadFields);
    expect(Object.keys(AttemptItem?.properties ?? {})).toEqual(attemptFields);
    expect(leadFields).toContain("consentWhatsapp");
    expect(attemptFields).toContain("leadExternalId");
  });

  it("names the 20 figures", () => {
    expect(figureNames).toHaveLength(20);
  });
});
