import { drawCallOutcome, fitIntoOpenHours, getNextSlotTime } from "./calls";
import { getWallHour, minuteMs, toWall } from "./local-time";
import { type LeadSimulation, recordCall } from "./simulation";
import type { DemoAttempt } from "./types";

export type PolicyResult = {
  /** The first contact: an answered call or the lead calling back. */
  contact: DemoAttempt | null;
  lastCallMs: number | null;
  /** Every call the agent meant to make was made, all before now. */
  finished: boolean;
};

/**
 * The same-day policy as the lead's agent follows it: a first call soon
 * after the lead (or its preferred slot), then further calls spread over the
 * day's slots. Weak agents start late, stop early, bunch their calls, and
 * now and then dial outside calling hours or beyond the daily maximum.
 */
export function runPolicy(simulation: LeadSimulation): PolicyResult {
  const { random, plan, nowMs } = simulation;
  const { team, agent } = plan;
  const timeZone = plan.zone.timeZone;
  const startMs = Math.max(plan.createdMs, plan.preferredSlot?.startMs ?? 0);
  const late = random.chance(team.lateFirstCallShare / agent.diligence);
  const delayMinutes = late
    ? random.between(60, 420)
    : random.logNormal(team.firstCallMedianMinutes / agent.diligence, 0.9);
  const overDial = random.chance(team.overDialShare);
  const planned = overDial
    ? random.int(7, 9)
    : random.pickWeighted(team.policyCalls);
  const queueMinutes = team.firstCallMedianMinutes * 4;

  function place(targetMs: number) {
    const fitted = fitIntoOpenHours(random, timeZone, targetMs, queueMinutes);
    if (fitted === targetMs) return targetMs;
    const hour = getWallHour(toWall(timeZone, targetMs));
    const nearEdge = (hour >= 21 && hour < 22.5) || (hour >= 6.5 && hour < 8);

    return nearEdge && random.chance(team.outsideHoursShare / agent.diligence)
      ? targetMs
      : fitted;
  }

  let atMs = place(startMs + delayMinutes * minuteMs);
  let lastCallMs: number | null = null;
  for (let callNumber = 1; callNumber <= planned; callNumber++) {
    if (atMs > nowMs) return { contact: null, lastCallMs, finished: false };

    const minutesSinceStart = (atMs - startMs) / minuteMs;
    const outcome = drawCallOutcome(
      random,
      plan,
      atMs,
      callNumber,
      minutesSinceStart,
    );
    const call = recordCall(simulation, { atMs, outcome });
    lastCallMs = atMs;
    if (outcome === "answered")
      return { contact: call, lastCallMs, finished: true };

    const callback = drawCallback(simulation, atMs);
    if (callback) return { contact: callback, lastCallMs, finished: true };

    const spread =
      !overDial && random.chance(team.spreadShare * agent.diligence);
    const nextMs = spread
      ? getNextSlotTime(random, timeZone, atMs)
      : atMs + random.between(overDial ? 8 : 10, overDial ? 25 : 50) * minuteMs;
    atMs = place(nextMs);
  }

  return { contact: null, lastCallMs, finished: true };
}

// Now and then a reachable lead sees the missed call and rings back.
function drawCallback(simulation: LeadSimulation, missedMs: number) {
  const { random, plan, nowMs } = simulation;
  if (plan.person.kind !== "reachable" || !random.chance(0.025)) return null;
  const atMs = fitIntoOpenHours(
    random,
    plan.zone.timeZone,
    missedMs + random.logNormal(25, 0.8) * minuteMs,
    30,
  );
  if (atMs > nowMs) return null;

  return recordCall(simulation, {
    atMs,
    outcome: "answered",
    direction: "inbound",
  });
}
