const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

export function formatRelative(date: Date, now = new Date()): string {
  const diff = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "minute") {
      if (unit === "minute" && Math.abs(diff) < 60_000) return "just now";
      return format.format(Math.round(diff / ms), unit);
    }
  }
  return "just now";
}

export function RelativeTime({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={date.toISOString().replace("T", " ").slice(0, 19) + " UTC"}>
      {formatRelative(date)}
    </time>
  );
}
