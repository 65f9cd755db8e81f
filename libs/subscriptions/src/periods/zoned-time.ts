/** A wall-clock date-time in some time zone (month 1-12). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(instant))
    if (type !== 'literal') parts[type] = Number(value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
    millisecond: instant.getUTCMilliseconds(),
  };
}

const asUtc = (l: LocalDateTime): number =>
  Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond);

/** The zone's offset from UTC at `epochMs`, in milliseconds (positive east of Greenwich). */
const offsetAt = (epochMs: number, timeZone: string): number =>
  asUtc(toLocal(new Date(epochMs), timeZone)) - epochMs;

/**
 * The instant at which the wall clock in `timeZone` reads `local`. A time skipped by a DST gap resolves to
 * the instant the same distance after the gap (02:30 on a spring-forward night becomes 03:30); a time that
 * occurs twice (autumn) resolves to the earlier one. This is the "compatible" rule of Temporal and RFC 5545.
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const guess = asUtc(local);
  const before = offsetAt(guess - 86_400_000, timeZone);
  const after = offsetAt(guess + 86_400_000, timeZone);
  const candidates = [guess - before, guess - after].filter((c) => offsetAt(c, timeZone) === guess - c);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: the offset in force before the transition moves the wall time forward by the gap's length.
  return new Date(guess - before);
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsClamped(local: LocalDateTime, months: number, day = local.day): LocalDateTime {
  const index = local.year * 12 + (local.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { ...local, year, month, day: Math.min(day, daysInMonth(year, month)) };
}

/** Adds calendar days to the local date, keeping the wall-clock time. */
export function addDays(local: LocalDateTime, days: number): LocalDateTime {
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return { ...local, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
