/** An instant as a person reads it on one clock. */
export type ZonedTime = {
  /** `YYYY-MM-DD HH:MM` on the zone's wall clock. */
  wall: string;
  /** The zone's offset from UTC at that instant, `UTC+01:00`. */
  offset: string;
  timeZone: string;
};

/** Both clocks the lead pages show: the lead's own and the reporting zone. */
export type TimelineInstant = {
  /** ISO 8601 in UTC, for `<time dateTime>` and for sorting. */
  iso: string;
  lead: ZonedTime;
  report: ZonedTime;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "longOffset",
  });
  formatters.set(timeZone, formatter);

  return formatter;
}

/** The wall-clock time of `iso` in `timeZone`, with the offset in force at
 * that instant (so a clock change shows). An unknown zone reads as UTC. */
export function toZonedTime(iso: string, timeZone: string): ZonedTime {
  let zone = timeZone;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = formatterFor(zone);
  } catch {
    zone = "UTC";
    formatter = formatterFor(zone);
  }
  const parts = Object.fromEntries(
    formatter
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  const gmt = parts.timeZoneName ?? "GMT";
  const offset = gmt === "GMT" ? "UTC+00:00" : gmt.replace("GMT", "UTC");

  return {
    wall: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`,
    offset,
    timeZone: zone,
  };
}

export function toTimelineInstant(
  iso: string,
  leadTimeZone: string,
  reportTimeZone: string,
): TimelineInstant {
  return {
    iso,
    lead: toZonedTime(iso, leadTimeZone),
    report: toZonedTime(iso, reportTimeZone),
  };
}
