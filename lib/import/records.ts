import type { AttemptRecord, LeadRecord } from "./types";

/** A lead with nothing known, for presets to fill in. */
export const emptyLead: LeadRecord = {
  externalId: "",
  source: "Unknown",
  campaign: null,
  createdAt: null,
  timeZone: "UTC",
  phoneE164: null,
  phoneRaw: null,
  email: null,
  consentCall: null,
  consentWhatsapp: null,
  consentSms: null,
  consentEmail: null,
  consentAt: null,
  preferredSlotStart: null,
  preferredSlotEnd: null,
  valueMinor: null,
  valueCurrency: null,
  valueUnit: null,
  converted: false,
  convertedAt: null,
  conversionValueMinor: null,
  conversionCurrency: null,
  dispositionCode: null,
  isTest: false,
  holdout: false,
};

/** An outbound sales call with nothing else known, for presets to fill in. */
export const emptyCall: Omit<
  AttemptRecord,
  "externalId" | "lead" | "startedAt"
> = {
  channel: "call",
  direction: "outbound",
  automated: false,
  purpose: "sales",
  agent: null,
  agentName: null,
  team: null,
  outcome: null,
  durationSeconds: null,
  messageStatus: null,
  queuedAt: null,
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  failedAt: null,
  template: null,
  dispositionCode: null,
};
