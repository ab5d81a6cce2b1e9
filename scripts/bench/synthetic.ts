// Synthetic data shaped like the product's: leads from seven sources in
// eight time zones (two of them half- and quarter-hour), about five calls
// and one message per lead, recovery messages after failed calls, replies,
// values in three currencies, duplicates, hold-outs and test records.
// Deterministic for a seed. Rows come out as COPY text lines.

export const benchOrigin = "bench";

export const zones = [
  { zone: "Europe/Madrid", share: 0.6, offset: 1, currency: "EUR" },
  { zone: "Atlantic/Canary", share: 0.06, offset: 0, currency: "EUR" },
  { zone: "Europe/Lisbon", share: 0.06, offset: 0, currency: "EUR" },
  { zone: "Europe/London", share: 0.05, offset: 0, currency: "EUR" },
  { zone: "America/Mexico_City", share: 0.08, offset: -6, currency: "MXN" },
  { zone: "America/New_York", share: 0.06, offset: -5, currency: "USD" },
  { zone: "Asia/Kolkata", share: 0.05, offset: 5.5, currency: "USD" },
  { zone: "Asia/Kathmandu", share: 0.04, offset: 5.75, currency: "USD" },
];

export const sources = [
  { name: "Search ads", share: 0.28, campaigns: 3, answer: 0.2 },
  { name: "Social ads", share: 0.26, campaigns: 3, answer: 0.15 },
  { name: "Comparison site", share: 0.16, campaigns: 2, answer: 0.18 },
  { name: "Affiliate list", share: 0.12, campaigns: 2, answer: 0.13 },
  { name: "Organic web", share: 0.1, campaigns: 2, answer: 0.23 },
  { name: "Referrals", share: 0.05, campaigns: 2, answer: 0.25 },
  { name: "Events", share: 0.03, campaigns: 2, answer: 0.2 },
];

export const teamCount = 4;
export const agentsPerTeam = 10;
export const templateCount = 5;

/** Outcome codes of the bench dialer and the dispositions they map to. */
export const dispositionCodes = [
  { code: "contacted", name: "Contact", flags: { contact: true } },
  {
    code: "not_interested",
    name: "Not interested",
    flags: { contact: true, notInterested: true },
  },
  {
    code: "callback",
    name: "Callback",
    flags: { contact: true, callback: true },
  },
  {
    code: "sale",
    name: "Converted",
    flags: { contact: true, converted: true },
  },
  { code: "dnc", name: "Do not contact", flags: { doNotContact: true } },
  {
    code: "wrong_number",
    name: "Invalid contact",
    flags: { invalidContact: true },
  },
  { code: "test", name: "Test record", flags: { testRecord: true } },
] as const;

export const leadColumns = [
  "id",
  "origin",
  "external_id",
  "source_id",
  "campaign_id",
  "created_at",
  "time_zone",
  "phone_e164",
  "consent_whatsapp",
  "consent_sms",
  "consent_email",
  "consent_call",
  "preferred_slot_start",
  "preferred_slot_end",
  "value_minor",
  "value_currency",
  "value_unit",
  "converted",
  "converted_at",
  "disposition_code",
  "is_test",
  "holdout",
  "person_id",
  "is_duplicate",
];

export const attemptColumns = [
  "id",
  "origin",
  "external_id",
  "lead_id",
  "channel",
  "direction",
  "automated",
  "agent_id",
  "started_at",
  "outcome",
  "duration_seconds",
  "message_status",
  "delivered_at",
  "read_at",
  "template_id",
  "disposition_code",
];

/** A small fast generator (mulberry32): the same seed, the same data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);

    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };

  return {
    next,
    chance: (p: number) => next() < p,
    between: (low: number, high: number) => low + next() * (high - low),
    int: (low: number, high: number) =>
      Math.floor(low + next() * (high - low + 1)),
    pick: <T extends { share: number }>(items: readonly T[]): T => {
      let roll = next();
      for (const item of items) {
        roll -= item.share;
        if (roll < 0) return item;
      }

      return items[items.length - 1] as T;
    },
  };
}

export type Random = ReturnType<typeof createRandom>;

const hour = 3_600_000;
const minute = 60_000;

function cell(value: string | number | boolean | null): string {
  if (value === null) return "\\N";

  return String(value);
}

const iso = (ms: number) => new Date(ms).toISOString();

export type LeadPlan = {
  id: number;
  createdAt: number | null;
  /** Attempts start from here; the clock of the lead's life. */
  bornAt: number;
};

/** Ids of the campaigns of each source, numbered from 1 in source order. */
export const campaignIds = (() => {
  let next = 1;

  return sources.map((source) =>
    Array.from({ length: source.campaigns }, () => next++),
  );
})();

type Persons = { next: number; recent: { id: number; at: number }[] };

export function createPersons(): Persons {
  return { next: 1, recent: [] };
}

/**
 * One lead and its attempts as COPY lines. `nextAttemptId` numbers the
 * attempts; `until` drops what has not happened yet.
 */
export function generateLead(
  random: Random,
  plan: LeadPlan,
  persons: Persons,
  nextAttemptId: () => number,
  until: number,
): { lead: string; attempts: string[]; person: string | null } {
  const sourceIndex = sources.indexOf(random.pick(sources));
  const source = sources[sourceIndex] ?? sources[0];
  const campaigns = campaignIds[sourceIndex] ?? [1];
  const zone = random.pick(zones);
  const localHour = (ms: number) =>
    (((new Date(ms).getUTCHours() + zone.offset) % 24) + 24) % 24;
  const consentWhatsapp = random.chance(0.55) ? true : null;
  const consentSms = random.chance(0.4) ? true : null;
  const noConsent = random.chance(0.01);
  const slot = random.chance(0.08)
    ? Math.ceil((plan.bornAt + random.between(1, 30) * hour) / hour) * hour
    : null;
  const valued = random.chance(0.75);
  const monthly = random.chance(0.4);
  const currency = random.chance(0.005) ? "GBP" : zone.currency;
  const unreachable = random.chance(0.25);
  const invalid = random.chance(0.04);
  const exportOnly = random.chance(0.03);
  const answerRate = unreachable ? 0 : (source?.answer ?? 0.2);
  const agent = random.int(1, teamCount * agentsPerTeam);

  // Persons: most leads are a new person; some come back soon after.
  let personId: number | null = null;
  let duplicate = false;
  let person: string | null = null;
  const recent = persons.recent;
  if (recent.length > 0 && random.chance(0.07)) {
    const index = random.int(0, recent.length - 1);
    const earlier = recent[index];
    if (earlier) {
      personId = earlier.id;
      duplicate =
        plan.createdAt !== null && plan.bornAt - earlier.at <= 30 * 24 * hour;
      earlier.at = plan.bornAt;
    }
  } else {
    personId = persons.next++;
    person = `${personId}\ttel:+34${600_000_000 + personId}`;
    recent.push({ id: personId, at: plan.bornAt });
    if (recent.length > 2_000) recent.shift();
  }

  const attempts: string[] = [];
  let contactCode: string | null = null;
  let converted = false;
  let convertedAt: number | null = null;
  const add = (parts: {
    channel: string;
    direction: "outbound" | "inbound";
    automated?: boolean;
    agentId: number | null;
    at: number;
    outcome?: string;
    duration?: number;
    status?: string;
    deliveredAt?: number | null;
    readAt?: number | null;
    template?: number | null;
    code?: string | null;
  }) => {
    if (parts.at >= until) return;
    const id = nextAttemptId();
    attempts.push(
      [
        id,
        benchOrigin,
        `a${id}`,
        plan.id,
        parts.channel,
        parts.direction,
        parts.automated ?? false,
        parts.agentId,
        iso(parts.at),
        parts.outcome ?? null,
        parts.duration ?? null,
        parts.status ?? null,
        parts.deliveredAt ? iso(parts.deliveredAt) : null,
        parts.readAt ? iso(parts.readAt) : null,
        parts.template ?? null,
        parts.code ?? null,
      ]
        .map(cell)
        .join("\t"),
    );
  };

  if (exportOnly) {
    contactCode = random.chance(0.5)
      ? "contacted"
      : random.chance(0.5)
        ? "not_interested"
        : "wrong_number";
  } else {
    const messaging = (consentWhatsapp || consentSms) && !noConsent;
    if (messaging && random.chance(0.3)) {
      add({
        channel: "whatsapp",
        direction: "outbound",
        automated: true,
        agentId: null,
        at: plan.bornAt + minute,
        status: "delivered",
        deliveredAt: plan.bornAt + 2 * minute,
      });
    }
    let at = slot ?? plan.bornAt;
    const wait = random.next();
    at +=
      wait < 0.7
        ? -Math.log(1 - random.next()) * 20 * minute
        : wait < 0.9
          ? random.between(1, 6) * hour
          : random.between(24, 72) * hour;
    // Calls go in calling hours of the lead's clock, mostly.
    if (random.chance(0.9) && (localHour(at) < 8 || localHour(at) >= 21))
      at += ((32 - localHour(at)) % 24) * hour + random.between(0, 50) * minute;
    let reached = false;
    const maxCalls = random.int(6, 10);
    for (let n = 1; n <= maxCalls && !reached; n += 1) {
      if (invalid && n === 1) {
        add({
          channel: "call",
          direction: "outbound",
          agentId: agent,
          at,
          outcome: "invalid_number",
          code: random.chance(0.5) ? "wrong_number" : null,
        });
        break;
      }
      if (random.chance(answerRate)) {
        const code = random.chance(0.12)
          ? "sale"
          : random.chance(0.35)
            ? "not_interested"
            : random.chance(0.15)
              ? "callback"
              : "contacted";
        add({
          channel: "call",
          direction: "outbound",
          agentId: agent,
          at,
          outcome: "answered",
          duration: random.int(40, 900),
          code,
        });
        if (code === "sale") {
          converted = true;
          convertedAt = at + random.between(1, 96) * hour;
        }
        reached = true;
        break;
      }
      const roll = random.next();
      const outcome =
        roll < 0.55
          ? "no_answer"
          : roll < 0.75
            ? "voicemail"
            : roll < 0.87
              ? "busy"
              : roll < 0.94
                ? "rejected"
                : "failed";
      add({
        channel: "call",
        direction: "outbound",
        agentId: agent,
        at,
        outcome,
        duration: outcome === "voicemail" ? random.int(5, 40) : 0,
      });
      if (n === 1 && messaging && random.chance(0.7)) {
        const delayRoll = random.next();
        const delay =
          delayRoll < 0.4
            ? random.between(0.5, 5) * minute
            : delayRoll < 0.7
              ? random.between(5, 60) * minute
              : delayRoll < 0.9
                ? random.between(1, 24) * hour
                : random.between(24, 72) * hour;
        const channel = consentWhatsapp ? "whatsapp" : "sms";
        const sentAt = at + delay;
        const statusRoll = random.next();
        const status =
          statusRoll < 0.05
            ? "failed"
            : channel === "whatsapp" && statusRoll < 0.55
              ? "read"
              : statusRoll < 0.85
                ? "delivered"
                : "sent";
        add({
          channel,
          direction: "outbound",
          agentId: random.chance(0.5) ? agent : null,
          automated: false,
          at: sentAt,
          status,
          deliveredAt:
            status === "read" || status === "delivered"
              ? sentAt + minute
              : null,
          readAt: status === "read" ? sentAt + 5 * minute : null,
          template: random.int(1, templateCount),
        });
        if (!unreachable && status !== "failed" && random.chance(0.18)) {
          add({
            channel,
            direction: "inbound",
            agentId: null,
            at: sentAt + random.between(0.1, 60) * hour,
          });
          reached = true;
        }
      }
      at += random.chance(0.1)
        ? random.between(10, 50) * minute
        : random.between(2, 30) * hour;
    }
    if (!reached && random.chance(0.02))
      add({
        channel: "call",
        direction: "inbound",
        agentId: agent,
        at: at + hour,
        outcome: "answered",
        duration: random.int(60, 600),
      });
  }

  const lead = [
    plan.id,
    benchOrigin,
    `l${plan.id}`,
    sourceIndex + 1,
    random.chance(0.9)
      ? (campaigns[random.int(0, campaigns.length - 1)] ?? null)
      : null,
    plan.createdAt === null ? null : iso(plan.createdAt),
    zone.zone,
    `+34${600_000_000 + (personId ?? 0)}`,
    noConsent ? false : consentWhatsapp,
    noConsent ? false : consentSms,
    noConsent ? false : random.chance(0.3) ? true : null,
    noConsent ? false : null,
    slot === null ? null : iso(slot),
    slot === null ? null : iso(slot + 2 * hour),
    valued
      ? monthly
        ? random.int(1_500, 9_000)
        : random.int(20_000, 500_000)
      : null,
    valued ? currency : null,
    valued ? (monthly ? "per_month" : "total") : null,
    converted,
    convertedAt === null ? null : iso(convertedAt),
    contactCode,
    random.chance(0.003),
    random.chance(0.04),
    personId,
    duplicate,
  ]
    .map(cell)
    .join("\t");

  return { lead, attempts, person };
}
