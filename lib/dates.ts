/** Calendar days as `YYYY-MM-DD` strings; arithmetic on them is done in UTC,
 * where every day has 24 hours. */
export type Day = string;

/** Today's date in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): Day {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export function addDays(day: Day, days: number): Day {
  const ms = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;

  return new Date(ms).toISOString().slice(0, 10);
}

export function isDay(value: unknown): value is Day {
  return (
    typeof value === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

/** Every day from `from` to `to`, both included. */
export function listDays(from: Day, to: Day): Day[] {
  const days: Day[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);

  return days;
}
