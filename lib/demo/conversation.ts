import { fitIntoOpenHours, getNextSlotTime } from "./calls";
import { dayMs, hourMs, minuteMs } from "./local-time";
import { type LeadSimulation, recordCall } from "./simulation";
import type { DemoAttempt } from "./types";

export type ConversationResult = {
  dispositionCode: string | null;
  convertedMs: number | null;
};

/**
 * What happens once the lead is contacted: a conversation (the contact call
 * itself, or the agent's call after a reply), its outcome code, and for
 * some a sale, on that call or on a later one.
 */
export function runConversation(
  simulation: LeadSimulation,
  contact: DemoAttempt,
): ConversationResult {
  const { random, plan, nowMs } = simulation;
  const timeZone = plan.zone.timeZone;
  const contactMs = Date.parse(contact.startedAt);

  let talk: DemoAttempt | null = contact.channel === "call" ? contact : null;
  if (!talk) {
    const atMs = fitIntoOpenHours(
      random,
      timeZone,
      contactMs + random.logNormal(15, 0.9) * minuteMs,
      20,
    );
    if (atMs > nowMs) return { dispositionCode: null, convertedMs: null };
    talk = recordCall(simulation, {
      atMs,
      outcome: random.chance(0.85) ? "answered" : "no_answer",
    });
    if (talk.outcome !== "answered")
      return { dispositionCode: null, convertedMs: null };
  }

  const { kind } = plan.person;
  if (kind === "fake" || kind === "wrong-person") {
    talk.dispositionCode = kind === "fake" ? "falso" : "numero_erroneo";

    return { dispositionCode: talk.dispositionCode, convertedMs: null };
  }

  const talkMs = Date.parse(talk.startedAt);
  const talkEndMs = talkMs + (talk.durationSeconds ?? 0) * 1000;
  const converts = random.chance(plan.source.conversionRate);
  const closesNow = converts && random.chance(0.4) && talkEndMs <= nowMs;
  talk.dispositionCode = converts
    ? closesNow
      ? "venta"
      : "interesado"
    : random.pickWeighted([
        ["no_interesado", 0.55],
        ["interesado", 0.17],
        ["volver_a_llamar", 0.2],
        ["baja", 0.08],
      ] as const);
  if (closesNow) return finishSale(simulation, talkEndMs, "venta");
  if (converts) {
    const saleMs = fitIntoOpenHours(
      random,
      timeZone,
      talkEndMs + random.logNormal(2, 0.8) * dayMs,
      60,
    );
    const saleSeconds = random.int(600, 2100);
    const saleEndMs = saleMs + saleSeconds * 1000;
    if (saleEndMs > nowMs)
      return { dispositionCode: talk.dispositionCode, convertedMs: null };
    const sale = recordCall(simulation, {
      atMs: saleMs,
      outcome: "answered",
      dispositionCode: "venta",
    });
    sale.durationSeconds = saleSeconds;

    return finishSale(simulation, saleEndMs, "venta");
  }
  if (talk.dispositionCode === "volver_a_llamar")
    return {
      dispositionCode: runAgreedCallback(simulation, talkMs),
      convertedMs: null,
    };

  return { dispositionCode: talk.dispositionCode, convertedMs: null };
}

// The agent calls back as agreed; the lead decides then.
function runAgreedCallback(simulation: LeadSimulation, talkMs: number): string {
  const { random, plan, nowMs } = simulation;
  const atMs = getNextSlotTime(
    random,
    plan.zone.timeZone,
    talkMs + 18 * hourMs,
  );
  if (atMs > nowMs) return "volver_a_llamar";
  const answered = random.chance(0.7);
  const code = answered
    ? random.pickWeighted([
        ["no_interesado", 0.6],
        ["interesado", 0.4],
      ] as const)
    : null;
  recordCall(simulation, {
    atMs,
    outcome: answered ? "answered" : "voicemail",
    dispositionCode: code,
  });

  return code ?? "volver_a_llamar";
}

// Some customers get a welcome call a few days after the sale.
function finishSale(
  simulation: LeadSimulation,
  convertedMs: number,
  code: string,
): ConversationResult {
  const { random, plan, nowMs } = simulation;
  if (random.chance(0.4)) {
    const atMs = getNextSlotTime(
      random,
      plan.zone.timeZone,
      convertedMs + random.between(3, 10) * dayMs,
    );
    if (atMs <= nowMs) {
      recordCall(simulation, {
        atMs,
        outcome: random.chance(0.75) ? "answered" : "no_answer",
        purpose: "relationship",
      });
    }
  }

  return { dispositionCode: code, convertedMs };
}
