// Charts show the viewer's local time; they render only in the browser (after the data
// request), so server and client never format the same instant differently.
const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const full = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** Axis ticks: clock times for up to a day and a half, dates beyond. */
export function timeTickFormatter(range: { from: number; to: number }): (t: number) => string {
  const short = range.to - range.from <= 36 * 3_600_000;
  return (t) => (short ? clock.format(t) : day.format(t));
}

export function formatInstant(t: number): string {
  return full.format(t);
}

export function formatClock(t: number): string {
  return clock.format(t);
}

const TICK_STEPS_MIN = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200];

/**
 * Round local times for the time axis (every 5 min … every day), at most `max` of them, so
 * ticks read 10:00, 11:00 rather than wherever the range happened to start.
 */
export function timeTicks(range: { from: number; to: number }, max = 5): number[] {
  const spanMin = (range.to - range.from) / 60_000;
  const stepMin = TICK_STEPS_MIN.find((s) => spanMin / s <= max) ?? Math.ceil(spanMin / max / 1440) * 1440;
  const step = stepMin * 60_000;
  // Align to the local clock (the offset can differ across a DST change; a tick an hour off there is fine).
  const offset = new Date(range.from).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((range.from - offset) / step) * step + offset; t <= range.to; t += step) ticks.push(t);
  return ticks;
}
