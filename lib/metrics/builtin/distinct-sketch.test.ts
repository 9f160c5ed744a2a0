import { describe, expect, it } from "vitest";
import { murmur3 } from "@/lib/domain/murmur3";
import { DistinctSketch } from "./distinct-sketch";

function sketchOf(keys: Iterable<string>): DistinctSketch {
  const sketch = new DistinctSketch();
  for (const key of keys) sketch.add(murmur3(key));
  return sketch;
}

function* users(from: number, to: number) {
  for (let i = from; i < to; i++) yield `user-${i}`;
}

describe("DistinctSketch", () => {
  it("counts small sets almost exactly and ignores repeats", () => {
    const sketch = sketchOf([...users(0, 100), ...users(0, 100)]);
    expect(sketch.estimate()).toBeGreaterThan(97);
    expect(sketch.estimate()).toBeLessThan(103);
  });

  it("stays within a few percent at 100,000 distinct keys", () => {
    const estimate = sketchOf(users(0, 100_000)).estimate();
    expect(Math.abs(estimate - 100_000) / 100_000).toBeLessThan(0.05);
  });

  it("merges to the union: overlapping sets are not double counted", () => {
    const a = sketchOf(users(0, 6000));
    const b = sketchOf(users(3000, 9000));
    a.merge(b);
    expect(Math.abs(a.estimate() - 9000) / 9000).toBeLessThan(0.05);
  });

  it("round-trips through both encodings", () => {
    for (const count of [0, 10, 5000]) {
      const sketch = sketchOf(users(0, count));
      const bytes = sketch.serialize();
      if (count === 10) expect(bytes.length).toBe(1 + 10 * 3);
      if (count === 5000) expect(bytes.length).toBe(1 + 2048);
      expect(DistinctSketch.deserialize(bytes).registers).toEqual(sketch.registers);
    }
  });

  it("refuses bytes that are not a sketch", () => {
    expect(() => DistinctSketch.deserialize(new Uint8Array([7, 1, 2]))).toThrow(/sketch/);
  });
});
