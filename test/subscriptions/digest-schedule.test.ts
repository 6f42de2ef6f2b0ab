import { describe, expect, it } from 'vitest';
import { formatInZone, latestSlot, nextSlot } from '../../src/subscriptions/digest-schedule.js';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
/** Slots are 23 to 25 hours apart, so sampling every few hours sees each of them. */
const SAMPLE_EVERY_HOURS = 4;

describe('when a daily digest falls', () => {
  it('takes the wall-clock time in the subscription’s zone, with the offset of that day', () => {
    const paris = { time: '18:30', timeZone: 'Europe/Paris' };
    expect(iso(latestSlot(paris, at('2025-08-12T16:30:00Z')))).toBe('2025-08-12T16:30:00.000Z');
    expect(iso(latestSlot(paris, at('2025-08-12T16:29:59Z')))).toBe('2025-08-11T16:30:00.000Z');
    expect(iso(latestSlot(paris, at('2025-12-12T17:29:59Z')))).toBe('2025-12-11T17:30:00.000Z');
    expect(iso(latestSlot(paris, at('2025-12-12T17:30:00Z')))).toBe('2025-12-12T17:30:00.000Z');

    const newYork = { time: '09:00', timeZone: 'America/New_York' };
    expect(iso(latestSlot(newYork, at('2025-08-12T13:00:00Z')))).toBe('2025-08-12T13:00:00.000Z');
    expect(iso(latestSlot(newYork, at('2025-01-12T13:59:00Z')))).toBe('2025-01-11T14:00:00.000Z');
  });

  it('uses the local calendar day, which is not the UTC one near midnight', () => {
    const tokyo = { time: '07:00', timeZone: 'Asia/Tokyo' };
    // 22:00 UTC on the 12th is 07:00 on the 13th in Tokyo.
    expect(iso(latestSlot(tokyo, at('2025-08-12T22:00:00Z')))).toBe('2025-08-12T22:00:00.000Z');
    expect(iso(latestSlot(tokyo, at('2025-08-12T21:59:00Z')))).toBe('2025-08-11T22:00:00.000Z');
    const honolulu = { time: '23:30', timeZone: 'Pacific/Honolulu' };
    expect(iso(latestSlot(honolulu, at('2025-08-13T09:29:00Z')))).toBe('2025-08-12T09:30:00.000Z');
    expect(iso(nextSlot(honolulu, at('2025-08-13T09:29:00Z')))).toBe('2025-08-13T09:30:00.000Z');
  });

  it('follows a spring-forward change: the same local time an hour earlier in UTC', () => {
    const paris = { time: '08:00', timeZone: 'Europe/Paris' };
    expect(iso(latestSlot(paris, at('2025-03-29T12:00:00Z')))).toBe('2025-03-29T07:00:00.000Z');
    expect(iso(latestSlot(paris, at('2025-03-30T06:00:00Z')))).toBe('2025-03-30T06:00:00.000Z');
    expect(iso(nextSlot(paris, at('2025-03-29T07:00:00Z')))).toBe('2025-03-30T06:00:00.000Z');
  });

  it('posts a time the change skips an hour later that day, and a time it repeats once', () => {
    // 2025-03-09 in New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist.
    const skipped = { time: '02:30', timeZone: 'America/New_York' };
    expect(iso(latestSlot(skipped, at('2025-03-09T07:29:00Z')))).toBe('2025-03-08T07:30:00.000Z');
    expect(iso(latestSlot(skipped, at('2025-03-09T07:30:00Z')))).toBe('2025-03-09T07:30:00.000Z');
    // 2025-11-02 in New York: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    const repeated = { time: '01:30', timeZone: 'America/New_York' };
    expect(iso(latestSlot(repeated, at('2025-11-02T05:45:00Z')))).toBe('2025-11-01T05:30:00.000Z');
    expect(iso(latestSlot(repeated, at('2025-11-02T06:30:00Z')))).toBe('2025-11-02T06:30:00.000Z');
  });

  it('gives exactly one slot on every local day of a year, across both changes', () => {
    for (const timeZone of ['America/New_York', 'Europe/Paris', 'Australia/Sydney', 'Asia/Kolkata']) {
      // The local calendar day, read with Intl rather than the library under test.
      const localDate = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      for (const time of ['00:00', '01:30', '02:30', '23:59']) {
        const slots = new Set<number>();
        for (let hour = 0; hour < 365 * 24; hour += SAMPLE_EVERY_HOURS) {
          slots.add(latestSlot({ time, timeZone }, new Date(Date.UTC(2025, 0, 1, hour))).getTime());
        }
        const days = [...slots].sort((a, b) => a - b).map((slot) => localDate.format(slot));
        const expected = days.map((_, n) => {
          const day = new Date(`${days[0]}T12:00:00Z`);
          day.setUTCDate(day.getUTCDate() + n);
          return day.toISOString().slice(0, 10);
        });
        expect(days, `${time} ${timeZone}`).toEqual(expected);
        expect(days.length).toBeGreaterThanOrEqual(365);
      }
    }
  });

  it('says when the next one comes, and shows an instant in the zone’s own time', () => {
    const paris = { time: '18:30', timeZone: 'Europe/Paris' };
    expect(iso(nextSlot(paris, at('2025-08-12T16:30:00Z')))).toBe('2025-08-13T16:30:00.000Z');
    expect(formatInZone(at('2025-08-12T16:30:00Z'), 'Europe/Paris')).toBe('2025-08-12 18:30 Europe/Paris');
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => latestSlot({ time: '08:00', timeZone: 'Mars/Olympus' }, new Date())).toThrow(/Mars\/Olympus/);
  });
});
