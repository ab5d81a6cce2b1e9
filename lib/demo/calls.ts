import { defaultSlots } from "@/lib/db/schema";
import type { DemoAttempt } from "./types";
import type { LeadPlan } from "./leads";
import {
  dayMs,
  fromWall,
  getWallDayStart,
  getWallHour,
  getWallWeekday,
  hourMs,
  minuteMs,
  toWall,
} from "./local-time";
import type { Random } from "./random";

// The contact centre calls in the lead's local time: weekdays 08–21, a short
// shift on Saturday and Sunday mornings.
const openHours: readonly (readonly [number, number])[] = [
  [8, 21],
  [8, 21],
  [8, 21],
  [8, 21],
  [8, 21],
  [9, 14],
  [11, 14],
];

/** The chance of an answer by local hour: best at 10–12 and 17–19, poor at
 * the Spanish lunch hours and late in the evening. */
const hourFactors: Record<number, number> = {
  7: 0.6,
  8: 0.75,
  9: 0.95,
  10: 1.25,
  11: 1.3,
  12: 1.0,
  13: 0.8,
  14: 0.6,
  15: 0.7,
  16: 0.95,
  17: 1.25,
  18: 1.2,
  19: 1.0,
  20: 0.8,
  21: 0.6,
};

export function getHourFactor(hour: number): number {
  return hourFactors[Math.floor(hour)] ?? 0.5;
}

/** Monday mornings start slowly, Friday afternoons fade, weekends differ. */
export function getWeekdayFactor(weekday: number, hour: number): number {
  if (weekday === 0 && hour < 12) return 0.7;
  if (weekday === 4 && hour >= 15) return 0.85;
  if (weekday === 5) return hour < 12 ? 1.1 : 0.8;
  if (weekday === 6) return 0.75;

  return 1;
}

/** The instant itself when the centre is open then; otherwise the next
 * opening plus the time it takes to work through the queue. */
export function fitIntoOpenHours(
  random: Random,
  timeZone: string,
  utcMs: number,
  queueMedianMinutes: number,
): number {
  const wall = toWall(timeZone, utcMs);
  const hour = getWallHour(wall);
  const [start, end] = openHours[getWallWeekday(wall)] ?? [8, 21];
  if (hour >= start && hour < end) return utcMs;

  let day = getWallDayStart(wall);
  if (hour >= start) day += dayMs;
  const [opening, closing] = openHours[getWallWeekday(day)] ?? [8, 21];
  const queue = Math.min(
    (closing - opening) * 60 - 5,
    random.logNormal(queueMedianMinutes, 0.8),
  );

  return fromWall(timeZone, day + opening * hourMs + queue * minuteMs);
}

/** A time in a later slot of the lead's day than `utcMs`, or the first open
 * slot of a following day. */
export function getNextSlotTime(
  random: Random,
  timeZone: string,
  utcMs: number,
): number {
  const wall = toWall(timeZone, utcMs);
  const hour = getWallHour(wall);
  const current = defaultSlots.findIndex(
    (slot) => hour >= slot.startHour && hour < slot.endHour,
  );
  let day = getWallDayStart(wall);
  let after = current >= 0 ? (defaultSlots[current]?.endHour ?? hour) : hour;
  for (let tries = 0; tries < 8; tries++) {
    const [start, end] = openHours[getWallWeekday(day)] ?? [8, 21];
    for (const slot of defaultSlots) {
      const from = Math.max(slot.startHour, start, after);
      const to = Math.min(slot.endHour, end);
      if (from >= to || slot.startHour < after) continue;
      const at = random.between(from + 0.05, from + (to - from) * 0.85);

      return fromWall(timeZone, day + at * hourMs);
    }
    day += dayMs;
    after = 0;
  }

  return utcMs + dayMs;
}

type Outcome = NonNullable<DemoAttempt["outcome"]>;

const missOutcomes: (readonly [Outcome, number])[] = [
  ["voicemail", 0.35],
  ["no_answer", 0.38],
  ["busy", 0.1],
  ["rejected", 0.12],
  ["failed", 0.05],
];

/** The terminal outcome of one outbound call to the lead. */
export function drawCallOutcome(
  random: Random,
  plan: LeadPlan,
  utcMs: number,
  callNumber: number,
  minutesSinceLead: number,
): Outcome {
  const { kind } = plan.person;
  if (kind === "invalid")
    return random.pickWeighted([
      ["invalid_number", 0.9],
      ["failed", 0.1],
    ] as const);
  if (kind === "fake") {
    return random.pickWeighted([
      ["invalid_number", 0.5],
      ["no_answer", 0.2],
      ["rejected", 0.1],
      ["answered", 0.2],
    ] as const);
  }

  const wall = toWall(plan.zone.timeZone, utcMs);
  const hour = getWallHour(wall);
  const attemptFactor = [1, 0.85, 0.75, 0.65][callNumber - 1] ?? 0.6;
  // A lead called within minutes still has the form in mind.
  const speedFactor =
    callNumber === 1
      ? minutesSinceLead <= 5
        ? 1.5
        : minutesSinceLead <= 60
          ? 1.2
          : 1
      : 1;
  const reachable = kind === "reachable" || kind === "wrong-person" ? 1 : 0;
  const chance =
    reachable *
    plan.source.answerRate *
    plan.person.answerFactor *
    getHourFactor(hour) *
    getWeekdayFactor(getWallWeekday(wall), hour) *
    attemptFactor *
    speedFactor;
  if (random.chance(Math.min(0.92, chance))) return "answered";

  return random.pickWeighted(missOutcomes);
}

/** Talk time in seconds for a call's outcome. */
export function drawDuration(random: Random, outcome: Outcome): number {
  if (outcome === "answered")
    return Math.round(Math.min(2400, random.logNormal(190, 0.8)) + 15);
  if (outcome === "voicemail") return random.int(18, 45);

  return 0;
}
