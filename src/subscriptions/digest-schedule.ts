import { DateTime } from 'luxon';
import type { DigestSchedule } from './subscription.js';

/**
 * When a daily digest is due. A schedule is a wall-clock time in an IANA zone, so its instant moves
 * with the zone's offset (18:30 in Paris is 16:30 UTC in summer, 17:30 in winter). Zone rules and
 * daylight-saving changes come from luxon (over the runtime's IANA data), not hand-written offsets:
 * - a time that a spring-forward change skips (02:30 on the night clocks jump from 02:00 to 03:00)
 *   falls an hour later that day, at 03:30;
 * - a time that an autumn change repeats (01:30 twice) is taken once, at its later occurrence;
 * so a subscription gets exactly one slot on every local day.
 */

function parseTime(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  if (hour === undefined || minute === undefined || Number.isNaN(hour) || Number.isNaN(minute)) {
    throw new RangeError(`digest time should be HH:MM, not ${time}`);
  }
  return { hour, minute };
}

/** The schedule's instant on the local calendar day of `day`. */
function slotOn(day: DateTime, schedule: DigestSchedule): DateTime {
  const { hour, minute } = parseTime(schedule.time);
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: schedule.timeZone },
  );
}

function localDay(at: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  return local;
}

/** The latest instant at or before `now` at which the schedule fell: today's slot once it has passed, else yesterday's. */
export function latestSlot(schedule: DigestSchedule, now: Date): Date {
  const local = localDay(now, schedule.timeZone);
  const today = slotOn(local, schedule);
  if (today.toMillis() <= now.getTime()) return today.toJSDate();
  return slotOn(local.minus({ days: 1 }), schedule).toJSDate();
}

/** The first instant after `now` at which the schedule falls (for telling people when the next digest comes). */
export function nextSlot(schedule: DigestSchedule, now: Date): Date {
  const local = localDay(now, schedule.timeZone);
  const today = slotOn(local, schedule);
  if (today.toMillis() > now.getTime()) return today.toJSDate();
  return slotOn(local.plus({ days: 1 }), schedule).toJSDate();
}

/** `2025-08-12 18:30 Europe/Paris`: an instant as the people on that schedule read it. */
export function formatInZone(at: Date, timeZone: string): string {
  return `${localDay(at, timeZone).toFormat('yyyy-LL-dd HH:mm')} ${timeZone}`;
}
