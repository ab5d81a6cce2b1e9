import type {
  callOutcome,
  channel,
  direction,
  messageStatus,
  purpose,
  valueUnit,
} from "@/lib/db/schema";

// Plain records: names instead of database ids, instants as ISO strings, so
// that a data set can be compared, hashed and written to either database.

export type DemoSource = {
  name: string;
  aliases: string[];
  costPerLeadMinor: number | null;
  costCurrency: string | null;
};

export type DemoCampaign = { sourceName: string; name: string };

export type DemoTeam = { name: string };

export type DemoAgent = { externalId: string; name: string; teamName: string };

export type DemoTemplate = {
  name: string;
  body: string;
  namesCompanyAndPerson: boolean;
  statesReason: boolean;
  professionalTone: boolean;
  oneNextStep: boolean;
};

export type DemoDisposition = {
  name: string;
  codes: string[];
  contact: boolean;
  invalidContact: boolean;
  doNotContact: boolean;
  notInterested: boolean;
  converted: boolean;
  callback: boolean;
  testRecord: boolean;
};

export type DemoSettings = {
  organisationName: string;
  organisationTimezone: string;
  reportTimezone: string;
  defaultCountry: string;
  reportCurrency: string;
  currencyRates: Record<string, number>;
  isDemo: true;
};

export type DemoLead = {
  externalId: string;
  sourceName: string;
  campaignName: string | null;
  createdAt: string;
  timeZone: string;
  phoneE164: string | null;
  phoneRaw: string | null;
  email: string | null;
  consentCall: boolean | null;
  consentWhatsapp: boolean | null;
  consentSms: boolean | null;
  consentEmail: boolean | null;
  consentAt: string | null;
  preferredSlotStart: string | null;
  preferredSlotEnd: string | null;
  valueMinor: number | null;
  valueCurrency: string | null;
  valueUnit: (typeof valueUnit.enumValues)[number] | null;
  converted: boolean;
  convertedAt: string | null;
  conversionValueMinor: number | null;
  conversionCurrency: string | null;
  dispositionCode: string | null;
  isTest: boolean;
  holdout: boolean;
};

export type DemoAttempt = {
  externalId: string;
  leadExternalId: string;
  channel: (typeof channel.enumValues)[number];
  direction: (typeof direction.enumValues)[number];
  automated: boolean;
  purpose: (typeof purpose.enumValues)[number];
  agentExternalId: string | null;
  startedAt: string;
  outcome: (typeof callOutcome.enumValues)[number] | null;
  durationSeconds: number | null;
  messageStatus: (typeof messageStatus.enumValues)[number] | null;
  queuedAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  templateName: string | null;
  replyToExternalId: string | null;
  dispositionCode: string | null;
};

export type DemoData = {
  settings: DemoSettings;
  sources: DemoSource[];
  campaigns: DemoCampaign[];
  teams: DemoTeam[];
  agents: DemoAgent[];
  templates: DemoTemplate[];
  dispositions: DemoDisposition[];
  leads: DemoLead[];
  attempts: DemoAttempt[];
};
