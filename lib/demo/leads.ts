import {
  type SourceProfile,
  type TeamProfile,
  type ZoneProfile,
  sourceProfiles,
  teamProfiles,
  zoneProfiles,
} from "./catalogue";
import { createContactBook, fakeEmails, fakePhones } from "./contacts";
import {
  dayMs,
  fromWall,
  getWallDayStart,
  getWallHour,
  getWallWeekday,
  hourMs,
  parseWallDay,
  toWall,
} from "./local-time";
import type { Random } from "./random";

/** What the simulation knows about the person behind a lead. */
export type PersonTraits = {
  /** `invalid`: the number does not exist; `wrong-person`: it rings someone
   * else; `no-phone`: the number could not be read at all. */
  kind:
    | "reachable"
    | "unreachable"
    | "invalid"
    | "wrong-person"
    | "no-phone"
    | "fake";
  /** Scales the chance of answering a call (about 1 on average). */
  answerFactor: number;
};

export type Consent = {
  call: boolean | null;
  whatsapp: boolean | null;
  sms: boolean | null;
  email: boolean | null;
};

export type LeadPlan = {
  externalId: string;
  source: SourceProfile;
  campaign: string;
  zone: ZoneProfile;
  createdMs: number;
  phoneE164: string | null;
  phoneRaw: string | null;
  email: string | null;
  consent: Consent;
  preferredSlot: { startMs: number; endMs: number } | null;
  value: {
    minor: number;
    currency: string;
    unit: "total" | "per_month";
  } | null;
  person: PersonTraits;
  team: TeamProfile;
  agent: TeamProfile["agents"][number];
  isTest: boolean;
};

type Window = {
  firstDay: string;
  days: number;
  startMs: number;
  nowMs: number;
};

// Leads per local hour of the day: quiet at night, a late-morning peak, a
// dip at the Spanish lunch hour and a second peak after work.
const hourWeights = [
  0.3, 0.2, 0.1, 0.08, 0.08, 0.12, 0.3, 0.8, 1.5, 2.2, 2.6, 2.7, 2.5, 2.0, 1.6,
  1.7, 1.9, 2.1, 2.3, 2.4, 2.3, 2.0, 1.4, 0.7,
];
// Monday first: inquiries pile up early in the week, weekends are quieter.
const weekdayWeights = [1.18, 1.12, 1.05, 1.0, 0.9, 0.62, 0.7];

/** About `count` leads in creation order, with every trait the simulation
 * needs. Creation instants fall in [window.startMs, window.nowMs]. */
export function planLeads(
  random: Random,
  count: number,
  window: Window,
): LeadPlan[] {
  const drafts: {
    source: SourceProfile;
    zone: ZoneProfile;
    createdMs: number;
  }[] = [];
  const sources = sourceProfiles.map(
    (source) => [source, source.share] as const,
  );
  const zones = zoneProfiles.map((zone) => [zone, zone.share] as const);
  const days = new Map(
    sourceProfiles.map((source) => [source, weighDays(source, window)]),
  );
  while (drafts.length < count) {
    const source = random.pickWeighted(sources);
    const zone = random.pickWeighted(zones);
    const createdMs = drawCreation(
      random,
      source,
      zone,
      days.get(source) ?? [],
    );
    if (createdMs >= window.startMs && createdMs <= window.nowMs)
      drafts.push({ source, zone, createdMs });
  }
  drafts.sort((a, b) => a.createdMs - b.createdMs);

  const book = createContactBook(random);
  const earlier = new Map<string, LeadPlan[]>();
  const plans: LeadPlan[] = [];
  for (const [index, draft] of drafts.entries()) {
    const original = findOriginal(random, draft, earlier);
    const plan = original
      ? copyPerson(random, draft, original, index)
      : drawPerson(random, book, draft, index);
    plans.push(plan);
    for (const key of [
      draft.zone.timeZone,
      `${draft.zone.timeZone} ${draft.source.name}`,
    ]) {
      const list = earlier.get(key) ?? [];
      list.push(plan);
      earlier.set(key, list);
    }
  }

  return plans;
}

// Leads per day of the window: a slow growth over the quarter, Mondays
// busiest, and one two-week Meta push.
function weighDays(source: SourceProfile, window: Window) {
  return Array.from({ length: window.days }, (_, offset) => {
    const dayStart = parseWallDay(window.firstDay) + offset * dayMs;
    const trend = 0.85 + (0.3 * offset) / window.days;
    const burst =
      source.name === "Meta Lead Ads" && offset >= 40 && offset < 54 ? 1.6 : 1;

    return [
      dayStart,
      (weekdayWeights[getWallWeekday(dayStart)] ?? 1) * trend * burst,
    ] as const;
  });
}

function drawCreation(
  random: Random,
  source: SourceProfile,
  zone: ZoneProfile,
  days: (readonly [number, number])[],
): number {
  const dayStart = random.pickWeighted(days);
  const weekend = getWallWeekday(dayStart) >= 5;
  const hours = hourWeights.map((weight, hour) => {
    const evening = hour >= 19 ? source.eveningBias : 1;
    const flatter = weekend && hour >= 8 && hour < 14 ? 0.8 : 1;

    return [hour, weight * evening * flatter] as const;
  });
  const hour = random.pickWeighted(hours);
  const wall = dayStart + hour * hourMs + Math.floor(random.next() * hourMs);

  return fromWall(zone.timeZone, Math.floor(wall / 1000) * 1000);
}

const duplicateWindowMs = 30 * dayMs;

// A re-submission reuses an earlier lead's person: the comparison site
// re-sends the same person within days, other sources now and then.
function findOriginal(
  random: Random,
  draft: { source: SourceProfile; zone: ZoneProfile; createdMs: number },
  earlier: Map<string, LeadPlan[]>,
): LeadPlan | null {
  const sameSource = draft.source.name === "Comparison site";
  const duplicate = random.chance(draft.source.duplicateShare);
  const newInquiry = !duplicate && random.chance(0.01);
  if (!duplicate && !newInquiry) return null;

  const key =
    sameSource && duplicate
      ? `${draft.zone.timeZone} ${draft.source.name}`
      : draft.zone.timeZone;
  // Lists are in creation order: the window is a contiguous range.
  const list = earlier.get(key) ?? [];
  const [from, to] = duplicate
    ? [findFirstAfter(list, draft.createdMs - duplicateWindowMs), list.length]
    : [0, findFirstAfter(list, draft.createdMs - duplicateWindowMs - dayMs)];
  for (let tries = 0; tries < 5 && from < to; tries++) {
    const candidate = list[random.int(from, to - 1)];
    if (candidate && candidate.person.kind !== "fake") return candidate;
  }

  return null;
}

function findFirstAfter(list: LeadPlan[], ms: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle]?.createdMs ?? Infinity) > ms) high = middle;
    else low = middle + 1;
  }

  return low;
}

function copyPerson(
  random: Random,
  draft: { source: SourceProfile; zone: ZoneProfile; createdMs: number },
  original: LeadPlan,
  index: number,
): LeadPlan {
  const base = drawCommon(random, draft, index);

  return {
    ...base,
    phoneE164: original.phoneE164,
    phoneRaw: original.phoneRaw,
    email: random.chance(0.8) ? original.email : null,
    person: original.person,
  };
}

function drawPerson(
  random: Random,
  book: ReturnType<typeof createContactBook>,
  draft: { source: SourceProfile; zone: ZoneProfile; createdMs: number },
  index: number,
): LeadPlan {
  const base = drawCommon(random, draft, index);
  const { source, zone } = draft;
  const isTest = source.name === "Organic web" && random.chance(0.004);

  if (isTest || random.chance(source.fakeShare)) {
    return {
      ...base,
      isTest,
      phoneE164: isTest ? null : random.pick(fakePhones),
      email: isTest ? `prueba${index}@example.com` : random.pick(fakeEmails),
      person: { kind: "fake", answerFactor: 0.3 },
    };
  }

  const email = random.chance(0.85) ? book.drawEmail(zone.country) : null;
  if (source.name === "Meta Lead Ads" && random.chance(0.015)) {
    const raw = `${random.int(600, 699)} ${random.int(10, 99)}`;

    return {
      ...base,
      phoneRaw: raw,
      email: email ?? book.drawEmail(zone.country),
      person: { kind: "no-phone", answerFactor: 0 },
    };
  }

  const phoneE164 = book.drawPhone(zone.country);
  const roll = random.next();
  const kind: PersonTraits["kind"] =
    roll < source.invalidShare * 0.8
      ? "invalid"
      : roll < source.invalidShare
        ? "wrong-person"
        : roll < source.invalidShare + source.unreachableShare
          ? "unreachable"
          : "reachable";

  return {
    ...base,
    phoneE164,
    email,
    person: { kind, answerFactor: Math.min(2.2, random.logNormal(1, 0.35)) },
  };
}

function drawCommon(
  random: Random,
  draft: { source: SourceProfile; zone: ZoneProfile; createdMs: number },
  index: number,
): LeadPlan {
  const { source, zone, createdMs } = draft;
  const team = random.pickWeighted(
    teamProfiles.map(
      (profile, teamIndex) =>
        [profile, source.teamWeights[teamIndex] ?? 0] as const,
    ),
  );

  const campaign = random.pick(source.campaigns);

  return {
    externalId: `demo-lead-${String(index + 1).padStart(6, "0")}`,
    source,
    campaign,
    zone,
    createdMs,
    phoneE164: null,
    phoneRaw: null,
    email: null,
    consent: drawConsent(random, source),
    preferredSlot: random.chance(source.preferredSlotShare)
      ? drawPreferredSlot(random, zone.timeZone, createdMs)
      : null,
    value: drawValue(random, source, campaign, zone),
    person: { kind: "reachable", answerFactor: 1 },
    team,
    agent: random.pick(team.agents),
    isTest: false,
  };
}

function drawConsent(random: Random, source: SourceProfile): Consent {
  const list = source.name === "Affiliate list";
  if (list && random.chance(0.03))
    return { call: false, whatsapp: false, sms: false, email: false };
  const stated = (yes: number, no: number) => {
    const roll = random.next();

    return roll < yes ? true : roll < yes + no ? false : null;
  };

  return {
    call: list ? stated(0.7, 0) : stated(0.98, 0),
    whatsapp: list ? stated(0.4, 0.1) : stated(0.8, 0.06),
    sms: list ? stated(0.3, 0.1) : stated(0.55, 0.1),
    email: list ? stated(0.5, 0.1) : stated(0.65, 0.1),
  };
}

const slotChoices: (readonly [{ start: number; end: number }, number])[] = [
  [{ start: 8, end: 12 }, 0.2],
  [{ start: 12, end: 15 }, 0.15],
  [{ start: 15, end: 18 }, 0.25],
  [{ start: 18, end: 21 }, 0.4],
];

// A slot later today when it starts at least two hours out, else tomorrow;
// weekend picks move to Monday.
function drawPreferredSlot(
  random: Random,
  timeZone: string,
  createdMs: number,
) {
  const wall = toWall(timeZone, createdMs);
  const slot = random.pickWeighted(slotChoices);
  let day = getWallDayStart(wall);
  if (getWallHour(wall) + 2 > slot.start) day += dayMs;
  while (getWallWeekday(day) >= 5) day += dayMs;

  return {
    startMs: fromWall(timeZone, day + slot.start * hourMs),
    endMs: fromWall(timeZone, day + slot.end * hourMs),
  };
}

// Monthly contract amounts for energy, insurance and telecom; now and then a
// one-off installation sold as a total. Amounts abroad are in local money.
function drawValue(
  random: Random,
  source: SourceProfile,
  campaign: string,
  zone: ZoneProfile,
): LeadPlan["value"] {
  const missing = source.name === "Affiliate list" ? 0.35 : 0.05;
  if (random.chance(missing)) return null;

  const lower = campaign.toLowerCase();
  const energy = /luz|energía|gas|ahorro/.test(lower);
  const insurance = /seguro/.test(lower);
  const installation = !energy && !insurance && random.chance(0.15);
  const [unit, low, high] = installation
    ? (["total", 3500, 9000] as const)
    : energy
      ? (["per_month", 40, 95] as const)
      : insurance
        ? (["per_month", 25, 60] as const)
        : (["per_month", 30, 70] as const);
  const scale = zone.currency === "MXN" ? 18 : 1;
  const amount = random.between(low, high) * scale;
  // Prices end in whole tens of cents, installations in whole tens.
  const minor = installation
    ? Math.round(amount / 10) * 1000
    : Math.round(amount * 10) * 10;

  return { minor, currency: zone.currency, unit };
}
