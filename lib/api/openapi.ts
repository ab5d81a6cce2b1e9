import { callOutcome, channel, messageStatus, role } from "@/lib/db/schema";
import { maxBatchItems } from "./ingest";
import { attemptFields, leadFields } from "./items";
import { maxLeadPageSize } from "./leads";
import { figureNames } from "./metrics";

type Schema = Record<string, unknown>;

const text = { type: "string" };
const nullable = (schema: Schema): Schema => ({
  ...schema,
  type: [schema.type, "null"],
});
const flag = nullable({
  type: "boolean",
  description: "Also yes/no, true/false or 1/0 as a string.",
});
const instant = nullable({
  type: "string",
  description:
    "ISO 8601 with an offset (2026-03-01T09:30:00+01:00), or local time YYYY-MM-DD HH:MM[:SS] in the lead's timeZone (leads) or the organisation's zone (attempts).",
});
const amount = nullable({
  type: ["number", "string"],
  description: "A decimal amount in valueCurrency, such as 49.90.",
});

// Field descriptions for the documentation; the readers themselves are
// those of the generic CSV presets (docs/import.md).
const leadSchema: Record<(typeof leadFields)[number], Schema> = {
  externalId: {
    ...text,
    description: "Required. The lead's id in its system.",
  },
  source: nullable({ ...text, description: "Empty or absent means Unknown." }),
  campaign: nullable(text),
  createdAt: instant,
  timeZone: nullable({
    ...text,
    description: "IANA zone, such as Europe/Madrid.",
  }),
  phone: nullable({
    ...text,
    description: "Any common format; normalised to E.164.",
  }),
  email: nullable(text),
  consentCall: flag,
  consentWhatsapp: flag,
  consentSms: flag,
  consentEmail: flag,
  consentAt: instant,
  preferredSlotStart: instant,
  preferredSlotEnd: instant,
  value: amount,
  valueCurrency: nullable({
    ...text,
    description: "ISO 4217; default the report currency.",
  }),
  valueUnit: nullable({ type: "string", enum: ["total", "per_month"] }),
  converted: flag,
  convertedAt: instant,
  conversionValue: amount,
  disposition: nullable({
    ...text,
    description: "The lead's last outcome code.",
  }),
  isTest: flag,
  holdout: flag,
};

const attemptSchema: Record<(typeof attemptFields)[number], Schema> = {
  externalId: {
    ...text,
    description: "Required. The attempt's id in its system.",
  },
  leadExternalId: {
    ...text,
    description: "Required. A lead of the same origin, already written.",
  },
  channel: nullable({
    type: "string",
    enum: channel.enumValues,
    description: "Default call.",
  }),
  direction: nullable({ type: "string", enum: ["outbound", "inbound"] }),
  automated: flag,
  purpose: nullable({ type: "string", enum: ["sales", "relationship"] }),
  agent: nullable({
    ...text,
    description: "The agent's id; created when new.",
  }),
  agentName: nullable(text),
  team: nullable(text),
  startedAt: {
    ...instant,
    type: "string",
    description: "Required. " + String(instant.description),
  },
  outcome: nullable({
    type: "string",
    enum: callOutcome.enumValues,
    description: "Calls only.",
  }),
  messageStatus: nullable({
    type: "string",
    enum: messageStatus.enumValues,
    description: "Messages only.",
  }),
  sentAt: instant,
  deliveredAt: instant,
  readAt: instant,
  failedAt: instant,
  template: nullable(text),
  disposition: nullable(text),
  durationSeconds: nullable({ type: ["integer", "string"], minimum: 0 }),
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Schema) => ({ "application/json": { schema } });
const error = (description: string) => ({
  description,
  content: json(ref("Error")),
});

function batchOperation(kind: "leads" | "attempts") {
  return {
    post: {
      summary: `Upsert a batch of ${kind}`,
      description: `Idempotent by (origin, externalId). At most ${maxBatchItems} items. Any invalid item rejects the whole batch with 422 and nothing is written. Admin keys only.`,
      security: [{ apiKey: [] }],
      requestBody: {
        required: true,
        content: json({
          type: "object",
          required: ["items"],
          properties: {
            origin: {
              ...text,
              description: "The system the records come from; default api.",
            },
            items: {
              type: "array",
              maxItems: maxBatchItems,
              items: ref(kind === "leads" ? "LeadItem" : "AttemptItem"),
            },
          },
        }),
      },
      responses: {
        "200": {
          description: "Every item written or unchanged.",
          content: json(ref("BatchResult")),
        },
        "400": error("Bad JSON or an envelope without items."),
        "401": error("No key, or an invalid or revoked key."),
        "403": error("The key's role may not write."),
        "409": error(
          "Another change to the same records was written at the same time; nothing was written. Send it again.",
        ),
        "413": error(`More than ${maxBatchItems} items.`),
        "415": error("Content-Type is not application/json."),
        "422": {
          description: "Some items are invalid; nothing was written.",
          content: json({
            allOf: [
              ref("Error"),
              {
                type: "object",
                properties: {
                  results: { type: "array", items: ref("ItemResult") },
                },
              },
            ],
          }),
        },
      },
    },
  };
}

const filterParameters = [
  [
    "range",
    "A preset range such as last30 (the default), or custom with from and to.",
  ],
  ["from", "First day, YYYY-MM-DD, in the reporting zone."],
  ["to", "Last day, YYYY-MM-DD, included."],
  ["source", "Source ids, comma-separated."],
  ["campaign", "Campaign ids, comma-separated."],
  ["channel", "Channels, comma-separated."],
  ["agent", "Agent ids; dropped for roles without agent figures."],
  ["team", "Team ids."],
  ["compare", "1 adds the previous period of the same length."],
  ["zone", "time-slots only: lead (default) or report."],
].map(([name, description]) => ({
  name,
  in: "query",
  required: false,
  description,
  schema: text,
}));

const eventCounts = {
  type: "object",
  properties: Object.fromEntries(
    ["events", "inserted", "updated", "unchanged", "skipped"].map((name) => [
      name,
      { type: "integer" },
    ]),
  ),
};

/** The OpenAPI 3.1 description of the REST API and the webhooks. */
export function buildOpenApiDocument(): Schema {
  return {
    openapi: "3.1.0",
    info: {
      title: "Reachboard API",
      version: "1.0.0",
      description:
        "Write leads and attempts, read every figure, and receive provider webhooks. See docs/api.md.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key created on the API keys page: rb_live_...",
        },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              properties: { code: text, message: text },
            },
          },
        },
        FieldError: {
          type: "object",
          properties: { field: nullable(text), message: text },
        },
        ItemResult: {
          type: "object",
          required: ["index", "externalId", "status"],
          properties: {
            index: { type: "integer" },
            externalId: nullable(text),
            status: {
              type: "string",
              enum: ["inserted", "updated", "unchanged", "invalid"],
            },
            errors: { type: "array", items: ref("FieldError") },
            warnings: { type: "array", items: ref("FieldError") },
          },
        },
        BatchResult: {
          type: "object",
          properties: {
            results: { type: "array", items: ref("ItemResult") },
            counts: {
              type: "object",
              properties: Object.fromEntries(
                ["inserted", "updated", "unchanged", "invalid"].map((name) => [
                  name,
                  { type: "integer" },
                ]),
              ),
            },
          },
        },
        LeadItem: {
          type: "object",
          required: ["externalId"],
          additionalProperties: false,
          properties: leadSchema,
        },
        AttemptItem: {
          type: "object",
          required: ["externalId", "leadExternalId", "startedAt"],
          additionalProperties: false,
          properties: attemptSchema,
        },
        Rate: {
          type: "object",
          description:
            "A share: null value and interval when the denominator is 0 (no data, never 0 %).",
          properties: {
            value: nullable({ type: "number" }),
            numerator: { type: "integer" },
            denominator: { type: "integer" },
            interval: nullable({
              type: "object",
              description: "95 % Wilson score interval.",
              properties: { low: { type: "number" }, high: { type: "number" } },
            }),
          },
        },
        Figure: {
          type: "object",
          properties: {
            figure: { type: "string", enum: figureNames },
            filter: { type: "object" },
            data: {
              type: "object",
              description: "The figure; every rate in it has the Rate shape.",
            },
            previous: {
              type: "object",
              properties: {
                filter: { type: "object" },
                data: { type: "object" },
              },
            },
          },
        },
        KeyRole: { type: "string", enum: role.enumValues },
      },
    },
    paths: {
      "/api/v1/leads": {
        ...batchOperation("leads"),
        get: {
          summary: "List one page of a lead set",
          description:
            "The leads page's list for the same filter. Keys of roles without viewContactData get phones and e-mail addresses masked, and q never matches them.",
          security: [{ apiKey: [] }],
          parameters: [
            ...filterParameters.filter(
              (parameter) => parameter.name !== "zone",
            ),
            ...[
              [
                "set",
                "The lead set, default all (contacted, lost-follow_up, ...).",
              ],
              ["sort", "created (default), source or calls."],
              ["dir", "asc or desc."],
              ["page", "1-based page number."],
              [
                "pageSize",
                `Leads a page, default 50, at most ${maxLeadPageSize}.`,
              ],
              [
                "q",
                "Part of the external id (and, for roles that see contact data, of the phone or e-mail).",
              ],
            ].map(([name, description]) => ({
              name,
              in: "query",
              required: false,
              description,
              schema: text,
            })),
          ],
          responses: {
            "200": {
              description: "One page of leads, with the set's total.",
              content: json({ type: "object" }),
            },
            "401": error("No key, or an invalid or revoked key."),
            "403": error("The key's role may not list leads (executive)."),
            "404": error("No such lead set."),
          },
        },
      },
      "/api/v1/attempts": batchOperation("attempts"),
      "/api/v1/metrics": {
        get: {
          summary: "List the figure names",
          security: [{ apiKey: [] }],
          responses: {
            "200": {
              description: "The figures.",
              content: json({
                type: "object",
                properties: {
                  figures: {
                    type: "array",
                    items: { type: "string", enum: figureNames },
                  },
                },
              }),
            },
            "401": error("No key, or an invalid or revoked key."),
          },
        },
      },
      "/api/v1/metrics/{figure}": {
        get: {
          summary: "Read one figure for a filter",
          description:
            "The same figure and filters as the dashboard pages. Keys of the marketer role get no per-agent groups and no agent filter.",
          security: [{ apiKey: [] }],
          parameters: [
            {
              name: "figure",
              in: "path",
              required: true,
              schema: { type: "string", enum: figureNames },
            },
            ...filterParameters,
          ],
          responses: {
            "200": { description: "The figure.", content: json(ref("Figure")) },
            "401": error("No key, or an invalid or revoked key."),
            "404": error("No such figure."),
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1 JSON." } },
        },
      },
      "/api/webhooks/whatsapp": {
        get: {
          summary: "WhatsApp Cloud API subscription check",
          parameters: ["hub.mode", "hub.verify_token", "hub.challenge"].map(
            (name) => ({
              name,
              in: "query",
              required: true,
              schema: text,
            }),
          ),
          responses: {
            "200": { description: "hub.challenge, as text/plain." },
            "403": { description: "Wrong mode or verify token." },
            "503": { description: "WHATSAPP_VERIFY_TOKEN is not set." },
          },
        },
        post: {
          summary: "WhatsApp Cloud API statuses and inbound messages",
          description:
            "Signed with X-Hub-Signature-256 = sha256=<hex HMAC-SHA256 of the raw body with the app secret>.",
          parameters: [
            {
              name: "X-Hub-Signature-256",
              in: "header",
              required: true,
              schema: text,
            },
          ],
          requestBody: { required: true, content: json({ type: "object" }) },
          responses: {
            "200": { description: "Recorded.", content: json(eventCounts) },
            "400": error("The body is not JSON."),
            "401": error("Missing or wrong signature; nothing recorded."),
            "503": error("WHATSAPP_APP_SECRET is not set."),
          },
        },
      },
      "/api/webhooks/sms": {
        post: {
          summary: "Twilio-style SMS status callback",
          description:
            "Form-encoded MessageSid and MessageStatus, signed with X-Twilio-Signature = base64 HMAC-SHA1 of the full URL and the sorted parameters, keyed with the auth token. Updates SMS attempts written under origin twilio.",
          parameters: [
            {
              name: "X-Twilio-Signature",
              in: "header",
              required: true,
              schema: text,
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  required: ["MessageSid", "MessageStatus"],
                  properties: {
                    MessageSid: text,
                    MessageStatus: text,
                    To: text,
                    RawDlrDoneDate: text,
                  },
                },
              },
            },
          },
          responses: {
            "200": { description: "Recorded.", content: json(eventCounts) },
            "401": error("Missing or wrong signature; nothing recorded."),
            "415": error("Not form-encoded."),
            "503": error("TWILIO_AUTH_TOKEN is not set."),
          },
        },
      },
    },
  };
}
