import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { segmentsOf } from "./journal-files";
import { cellsOfSegments } from "./journal-replay";
import { MetricBuffer, plannedObservation } from "./metric-buffer";
import { MetricJournal } from "./metric-journal";

const series = (metricKey: string) => ({
  environmentId: "env-1",
  metricKey,
  releaseKey: "checkout",
  cohortKey: "eu",
  variant: "treatment" as const,
});
const dirs: string[] = [];
function journalIn(): MetricJournal {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glidepath-journal-"));
  dirs.push(dir);
  return MetricJournal.open(dir, "file:./x.db")!;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("MetricJournal", () => {
  it("replays what the buffer took into the same cells", () => {
    const journal = journalIn();
    const buffer = new MetricBuffer();
    buffer.journal = journal;
    buffer.apply([
      ...Array.from({ length: 300 }, (_, i) => plannedObservation(series("latency"), "latency", 10, true, i + 1, 2)),
      plannedObservation(series("orders"), "plain", 10, false, 3, 3),
      plannedObservation(series("orders"), "plain", 11, false, 1, 1),
    ]);
    const files = segmentsOf(journal.dir, journal.id).map((s) => s.file);
    const { cells, observations } = cellsOfSegments(files);
    expect(observations).toBe(302);
    const latency = cells.find((c) => c.series.metricKey === "latency")!.cell.toRow();
    expect(latency).toMatchObject({ count: 600, sum: 2 * 45_150 });
    expect(latency.p50!).toBeGreaterThan(150 * 0.98);
    expect(latency.p50!).toBeLessThan(150 * 1.02);
    expect(cells.filter((c) => c.series.metricKey === "orders").map((c) => [c.minute, c.cell.count])).toEqual([
      [10, 3],
      [11, 1],
    ]);
  });

  it("stops at a record cut short, keeping everything before it", () => {
    const journal = journalIn();
    journal.recordCell(0, "env-1\u0000orders\u0000checkout\u0000eu\u0000control", 10, "plain");
    journal.recordIncrement(0, 1, 1);
    journal.recordIncrement(0, 1, 1);
    journal.commit();
    const [file] = segmentsOf(journal.dir, journal.id);
    fs.truncateSync(file!.file, fs.statSync(file!.file).size - 5);
    const { cells, observations } = cellsOfSegments([file!.file]);
    expect(observations).toBe(1);
    expect(cells[0]!.cell.count).toBe(1);
  });

  it("deletes a segment once the flush holding it is stored, and everything on a clean close", () => {
    const journal = journalIn();
    journal.recordCell(0, "env-1\u0000orders\u0000checkout\u0000eu\u0000control", 10, "plain");
    journal.commit();
    const first = journal.rotate();
    journal.recordCell(0, "env-1\u0000orders\u0000checkout\u0000eu\u0000control", 11, "plain");
    journal.commit();
    expect(segmentsOf(journal.dir, journal.id).map((s) => s.segment)).toEqual([0, 1]);
    journal.acknowledge(first);
    expect(segmentsOf(journal.dir, journal.id).map((s) => s.segment)).toEqual([1]);
    journal.close();
    expect(fs.readdirSync(journal.dir)).toEqual([]);
  });
});
