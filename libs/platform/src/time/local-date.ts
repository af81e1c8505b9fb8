/**
 * The office's calendar date. Services pass it to the domain library as `asOf`: a registration made at 07:00
 * in Mbay on 1 December (UTC+8) is a 1 December registration, although it is still 30 November in UTC.
 */
export function localDate(utcOffset: string, now: Date = new Date()): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(now.getTime() + minutes * 60_000).toISOString().slice(0, 10);
}
