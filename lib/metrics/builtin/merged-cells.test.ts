import { describe, expect, it } from "vitest";
import { windowCover } from "./merged-cells";

const DAY = 1440;

/** Every minute the ranges hold, in order; throws on a bucket not aligned to its resolution. */
function minutesOf(ranges: ReturnType<typeof windowCover>): number[] {
  const minutes: number[] = [];
  for (const { resolution, fromMinute, toMinute } of ranges) {
    const size = resolution / 60;
    if (fromMinute % size !== 0 || toMinute % size !== 0) throw new Error(`unaligned ${resolution} range`);
    for (let m = fromMinute; m < toMinute; m++) minutes.push(m);
  }
  return minutes.sort((a, b) => a - b);
}

describe("windowCover", () => {
  it("tiles any window exactly once, coarse buckets in the middle and finer ones at the edges", () => {
    const from = 20 * DAY + 22 * 60 + 37;
    const to = 23 * DAY + 5 * 60 + 13;
    const ranges = windowCover(from, to);
    const at = (day: number, hour: number, minute: number) => day * DAY + hour * 60 + minute;
    expect(ranges).toEqual([
      { resolution: 86400, fromMinute: at(21, 0, 0), toMinute: at(23, 0, 0) },
      { resolution: 3600, fromMinute: at(20, 23, 0), toMinute: at(21, 0, 0) },
      { resolution: 300, fromMinute: at(20, 22, 40), toMinute: at(20, 23, 0) },
      { resolution: 60, fromMinute: at(20, 22, 37), toMinute: at(20, 22, 40) },
      { resolution: 3600, fromMinute: at(23, 0, 0), toMinute: at(23, 5, 0) },
      { resolution: 300, fromMinute: at(23, 5, 0), toMinute: at(23, 5, 10) },
      { resolution: 60, fromMinute: at(23, 5, 10), toMinute: at(23, 5, 13) },
    ]);
    expect(minutesOf(ranges)).toEqual(Array.from({ length: to - from }, (_, i) => from + i));
  });

  it("answers minutes only for a short window, and nothing for an empty one", () => {
    expect(windowCover(100, 103)).toEqual([{ resolution: 60, fromMinute: 100, toMinute: 103 }]);
    expect(windowCover(100, 100)).toEqual([]);
    expect(windowCover(100, 90)).toEqual([]);
  });

  it("never reads more than seven ranges, whatever the window", () => {
    // Windows of every length up to 30 days, starting at every kind of boundary.
    for (let i = 0; i < 2000; i++) {
      const from = (i * 7919) % (100 * DAY);
      const to = from + ((i * 104_729) % (30 * DAY));
      const ranges = windowCover(from, to);
      expect(ranges.length).toBeLessThanOrEqual(7);
      // Sorted, the ranges chain from `from` to `to` without a gap or an overlap.
      const sorted = [...ranges].sort((a, b) => a.fromMinute - b.fromMinute);
      let at = from;
      for (const { resolution, fromMinute, toMinute } of sorted) {
        expect(fromMinute).toBe(at);
        expect(fromMinute % (resolution / 60)).toBe(0);
        expect(toMinute % (resolution / 60)).toBe(0);
        at = toMinute;
      }
      expect(at).toBe(to);
    }
  });
});
