import { AppError } from "@/lib/errors";
import {
  demoCurrencyRates,
  demoOrganisationName,
  demoReportTimezone,
  dispositionProfiles,
  sourceProfiles,
  teamProfiles,
  templateProfiles,
} from "./catalogue";
import { runConversation } from "./conversation";
import { type LeadPlan, planLeads } from "./leads";
import {
  dayMs,
  formatInstant,
  fromWall,
  hourMs,
  parseWallDay,
} from "./local-time";
import { runPolicy } from "./policy";
import { createRandom } from "./random";
import { runRecovery } from "./recovery";
import type { LeadSimulation } from "./simulation";
import type { DemoAttempt, DemoData, DemoLead } from "./types";

export type GenerateDemoOptions = {
  seed: number;
  /** The last day of the data, `YYYY-MM-DD` in the report zone. */
  today: string;
  /** Leads over the 90 days; 20,000 unless given. */
  leads?: number;
  /** Where the simulated clock stops: an ISO instant on `today`; noon in
   * the report zone unless given. Nothing after it is generated. */
  now?: string;
};

export const demoDays = 90;

/**
 * A complete, made-up organisation with 90 days of leads and attempts.
 * Pure: the same options give the same records, to the character.
 */
export function generateDemo(options: GenerateDemoOptions): DemoData {
  const window = resolveWindow(options);
  const random = createRandom(options.seed);
  const plans = planLeads(random, options.leads ?? 20_000, window);

  let counter = 0;
  const nextId = (kind: string) =>
    `demo-${kind}-${String(++counter).padStart(7, "0")}`;
  const leads: DemoLead[] = [];
  const attempts: DemoAttempt[] = [];
  for (const plan of plans) {
    const simulation: LeadSimulation = {
      random,
      plan,
      nowMs: window.nowMs,
      attempts: [],
      nextId,
    };
    const lead = simulateLead(simulation);
    if (hasCallLog(plan, window.startMs)) attempts.push(...simulation.attempts);
    else lead.dispositionCode ??= lastOutcomeCode(simulation.attempts);
    leads.push(lead);
  }
  attempts.sort(
    (a, b) =>
      a.startedAt.localeCompare(b.startedAt) ||
      a.externalId.localeCompare(b.externalId),
  );

  return { ...describeOrganisation(), leads, attempts };
}

// A dialer migration lost two weeks of the outsourced team's call log;
// its leads of those weeks reached the organisation as a CRM export of
// last outcomes: their effort is unknown, which the lost-lead split shows
// as such.
function hasCallLog(plan: LeadPlan, startMs: number): boolean {
  const gap = plan.team.logGap;

  return (
    gap === undefined ||
    plan.createdMs < startMs + gap.from * dayMs ||
    plan.createdMs >= startMs + gap.to * dayMs
  );
}

// A lead that was called and neither reached nor given a code by its agent
// ends as the dialer's "no answer".
function lastOutcomeCode(attempts: DemoAttempt[]): string | null {
  return attempts.some(
    (attempt) => attempt.channel === "call" && attempt.direction === "outbound",
  )
    ? "no_contesta"
    : null;
}

function resolveWindow(options: GenerateDemoOptions) {
  const todayMs = parseWallDay(options.today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today) || Number.isNaN(todayMs))
    throw new AppError("invalid_input", "today must be a day as YYYY-MM-DD");
  const firstDayMs = todayMs - (demoDays - 1) * dayMs;
  const startMs = fromWall(demoReportTimezone, firstDayMs);
  const endMs = fromWall(demoReportTimezone, todayMs + dayMs);
  const nowMs = options.now
    ? Date.parse(options.now)
    : fromWall(demoReportTimezone, todayMs + 12 * hourMs);
  if (
    Number.isNaN(nowMs) ||
    nowMs < fromWall(demoReportTimezone, todayMs) ||
    nowMs >= endMs
  )
    throw new AppError("invalid_input", "now must be an instant on today");

  return {
    firstDay: new Date(firstDayMs).toISOString().slice(0, 10),
    days: demoDays,
    startMs,
    nowMs,
  };
}

function simulateLead(simulation: LeadSimulation): DemoLead {
  const { random, plan } = simulation;
  const callable = plan.phoneE164 !== null && plan.consent.call !== false;
  const neglected = random.chance(
    plan.team.neverCalledShare / plan.agent.diligence,
  );

  let contact: DemoAttempt | null = null;
  let holdout = false;
  let dispositionCode: string | null = null;
  let convertedMs: number | null = null;
  if (callable && !neglected) {
    const policy = runPolicy(simulation);
    contact = policy.contact;
    if (!contact && policy.finished && policy.lastCallMs !== null) {
      const recovery = runRecovery(simulation, policy.lastCallMs);
      holdout = recovery.holdout;
      contact = recovery.contact;
    }
    if (!contact && policy.finished)
      dispositionCode = drawClosingCode(plan, random.next());
  }
  if (contact) {
    const conversation = runConversation(simulation, contact);
    dispositionCode = conversation.dispositionCode;
    convertedMs = conversation.convertedMs;
  }

  return describeLead(simulation, { holdout, dispositionCode, convertedMs });
}

// Agents flag the numbers they found to be wrong or made up.
function drawClosingCode(plan: LeadPlan, roll: number): string | null {
  if (plan.person.kind === "invalid" && roll < 0.7) return "numero_erroneo";
  if (plan.person.kind === "fake" && roll < 0.5) return "falso";

  return null;
}

function describeLead(
  simulation: LeadSimulation,
  outcome: {
    holdout: boolean;
    dispositionCode: string | null;
    convertedMs: number | null;
  },
): DemoLead {
  const { random, plan } = simulation;
  const { consent, value, preferredSlot } = plan;
  const consented = Object.values(consent).some((given) => given === true);
  const converted = outcome.convertedMs !== null;
  const conversionMinor = !converted
    ? null
    : value
      ? Math.round((value.minor * random.between(0.9, 1)) / 10) * 10
      : random.int(300, 700) * 10;
  const instant = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : formatInstant(ms);

  return {
    externalId: plan.externalId,
    sourceName: plan.source.name,
    campaignName: plan.campaign,
    createdAt: formatInstant(plan.createdMs),
    timeZone: plan.zone.timeZone,
    phoneE164: plan.phoneE164,
    phoneRaw: plan.phoneRaw,
    email: plan.email,
    consentCall: consent.call,
    consentWhatsapp: consent.whatsapp,
    consentSms: consent.sms,
    consentEmail: consent.email,
    consentAt: consented ? formatInstant(plan.createdMs) : null,
    preferredSlotStart: instant(preferredSlot?.startMs),
    preferredSlotEnd: instant(preferredSlot?.endMs),
    valueMinor: value?.minor ?? null,
    valueCurrency: value?.currency ?? null,
    valueUnit: value?.unit ?? null,
    converted,
    convertedAt: instant(outcome.convertedMs),
    conversionValueMinor: conversionMinor,
    conversionCurrency: converted
      ? (value?.currency ?? plan.zone.currency)
      : null,
    dispositionCode: outcome.dispositionCode,
    isTest: plan.isTest,
    holdout: outcome.holdout,
  };
}

function describeOrganisation(): Omit<DemoData, "leads" | "attempts"> {
  return {
    settings: {
      organisationName: demoOrganisationName,
      organisationTimezone: demoReportTimezone,
      reportTimezone: demoReportTimezone,
      defaultCountry: "ES",
      reportCurrency: "EUR",
      currencyRates: { ...demoCurrencyRates },
      isDemo: true,
    },
    sources: sourceProfiles.map((source) => ({
      name: source.name,
      aliases: source.aliases,
      costPerLeadMinor: source.costPerLeadMinor,
      costCurrency: source.costPerLeadMinor === null ? null : "EUR",
    })),
    campaigns: sourceProfiles.flatMap((source) =>
      source.campaigns.map((name) => ({ sourceName: source.name, name })),
    ),
    teams: teamProfiles.map((team) => ({ name: team.name })),
    agents: teamProfiles.flatMap((team) =>
      team.agents.map((agent) => ({
        externalId: agent.externalId,
        name: agent.name,
        teamName: team.name,
      })),
    ),
    templates: templateProfiles.map((template) => ({
      name: template.name,
      body: template.body,
      namesCompanyAndPerson: template.namesCompanyAndPerson,
      statesReason: template.statesReason,
      professionalTone: template.professionalTone,
      oneNextStep: template.oneNextStep,
    })),
    dispositions: dispositionProfiles.map(({ code, ...flags }) => ({
      name: flags.name,
      codes: [code],
      contact: flags.contact ?? false,
      invalidContact: flags.invalidContact ?? false,
      doNotContact: flags.doNotContact ?? false,
      notInterested: flags.notInterested ?? false,
      converted: flags.converted ?? false,
      callback: flags.callback ?? false,
      testRecord: flags.testRecord ?? false,
    })),
  };
}
