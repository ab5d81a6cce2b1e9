// The generator works on "wall" times: milliseconds whose UTC fields read as
// the local date and time of a zone. Converting through the zone's rules at
// each instant keeps the local patterns right across DST changes.

export const minuteMs = 60_000;
export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at the instant. */
export function getOffsetMinutes(timeZone: string, utcMs: number): number {
  // Every zone used here changes its offset on a whole UTC hour, so one
  // lookup per zone and UTC hour is exact.
  const hour = Math.floor(utcMs / hourMs);
  const key = `${timeZone} ${hour}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;

  const offset = computeOffsetMinutes(timeZone, hour * hourMs);
  offsets.set(key, offset);

  return offset;
}

export function toWall(timeZone: string, utcMs: number): number {
  return utcMs + getOffsetMinutes(timeZone, utcMs) * minuteMs;
}

/** The instant of a local wall time. A time repeated when clocks go back
 * maps to its first occurrence; a skipped time maps past the gap. */
export function fromWall(timeZone: string, wallMs: number): number {
  const before = wallMs - getOffsetMinutes(timeZone, wallMs - dayMs) * minuteMs;
  if (toWall(timeZone, before) === wallMs) return before;
  const after = wallMs - getOffsetMinutes(timeZone, wallMs + dayMs) * minuteMs;
  if (toWall(timeZone, after) === wallMs) return after;

  return wallMs - getOffsetMinutes(timeZone, wallMs - dayMs) * minuteMs;
}

/** Hours since local midnight, with fractions. */
export function getWallHour(wallMs: number): number {
  return (wallMs - getWallDayStart(wallMs)) / hourMs;
}

/** 0 for Monday to 6 for Sunday. */
export function getWallWeekday(wallMs: number): number {
  return (new Date(wallMs).getUTCDay() + 6) % 7;
}

export function getWallDayStart(wallMs: number): number {
  return Math.floor(wallMs / dayMs) * dayMs;
}

/** Midnight of a `YYYY-MM-DD` day as a wall time. */
export function parseWallDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** ISO instant, to the whole second as source systems report them. */
export function formatInstant(utcMs: number): string {
  return new Date(Math.round(utcMs / 1000) * 1000).toISOString();
}

function computeOffsetMinutes(timeZone: string, utcMs: number): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(
    formatter.formatToParts(utcMs).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );

  return Math.round((wall - utcMs) / minuteMs);
}
