/** Minutes as a person reads them: "3.5 min", "1 h 20 min", "2 d 3 h";
 * null (no lead attempted) is "No data". */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return "No data";
  if (minutes < 60) return `${minutes.toFixed(1)} min`;
  const whole = Math.round(minutes);
  if (whole < 1440) {
    const rest = whole % 60;

    return rest === 0
      ? `${Math.floor(whole / 60)} h`
      : `${Math.floor(whole / 60)} h ${rest} min`;
  }
  const hours = Math.round(whole / 60);
  const rest = hours % 24;

  return rest === 0
    ? `${Math.floor(hours / 24)} d`
    : `${Math.floor(hours / 24)} d ${rest} h`;
}
