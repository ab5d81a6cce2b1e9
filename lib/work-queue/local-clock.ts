/** A moment read on a zone's wall clock. */
export type LocalClock = {
  /** `YYYY-MM-DD` in the zone. */
  day: string;
  hour: number;
  minute: number;
  second: number;
  /** `HH:MM`, 24-hour. */
  time: string;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;

  const formatter = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  formatters.set(timeZone, formatter);

  return formatter;
}

/** The wall clock of `timeZone` at `instant`, with the rules in force then. */
export function readLocalClock(instant: Date, timeZone: string): LocalClock {
  const parts = Object.fromEntries(
    getFormatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);

  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour,
    minute,
    second: Number(parts.second),
    time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
  };
}
