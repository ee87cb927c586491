import { describe, expect, it } from 'vitest';
import { everyDay } from './RunCharts';

describe('runs per day', () => {
  it('fills the days without runs and keeps the ones with', () => {
    const days = everyDay({ days: 3, runs: [{ day: '2026-12-01', completed: 4, failed: 1, cancelled: 0, other: 0 }] },
      new Date(Date.UTC(2026, 11, 2, 15)));
    expect(days.map((d) => d.day)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(days[1]).toMatchObject({ completed: 4, failed: 1 });
    expect(days[2]).toMatchObject({ completed: 0, failed: 0, cancelled: 0, other: 0 });
  });

  it('crosses a month end', () => {
    expect(everyDay({ days: 2, runs: [] }, new Date(Date.UTC(2027, 0, 1))).map((d) => d.day)).toEqual(['2026-12-31', '2027-01-01']);
  });
});
