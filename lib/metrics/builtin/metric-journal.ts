import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { CellShape } from "./aggregate-cell";
import { SHAPES } from "./cell-batch";
import { databaseTag, JOURNAL_MAGIC, ownerFile, removeQuietly, segmentFile, segmentsOf } from "./journal-files";
import type { ObservationJournal } from "./metric-buffer";

export const RECORD_CELL = 1;
export const RECORD_SAMPLE = 2;
export const RECORD_INCREMENT = 3;

// Past this many bytes not yet covered by a stored flush (a long database outage), journaling
// pauses until a flush succeeds: the buffer itself is bounded, the disk should be too.
const DEFAULT_MAX_PENDING_BYTES = 256 * 1024 * 1024;

/**
 * The crash journal of the metrics buffer: every accepted observation is appended (one write
 * per request, before the answer) to the segment of the current flush interval; a segment is
 * deleted once the flush holding it is stored. A process killed hard (SIGKILL, OOM) leaves its
 * segments behind and the next process on the same database replays them
 * (journal-replay.ts); a mark stored in the same transaction as each flush
 * (MetricJournal) keeps the replay from adding anything twice. The page cache keeps what was
 * written when the process dies; a machine crash can lose the last seconds (no fsync).
 */
export class MetricJournal implements ObservationJournal {
  readonly id = randomUUID();
  private segment = 0;
  private fd: number | null = null;
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private at = 0;
  private pendingBytes = 0;
  private readonly segmentBytes = new Map<number, number>();
  private paused = false;
  private warned = false;

  private constructor(
    readonly dir: string,
    private readonly maxPendingBytes: number,
  ) {}

  /** Starts a journal in `dir` for the database at `databaseUrl`; null (and a warning) if the dir isn't writable. */
  static open(dir: string, databaseUrl: string, maxPendingBytes = DEFAULT_MAX_PENDING_BYTES): MetricJournal | null {
    const journal = new MetricJournal(dir, maxPendingBytes);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        ownerFile(dir, journal.id, process.pid),
        JSON.stringify({ database: databaseTag(databaseUrl), startedAt: new Date().toISOString() }),
      );
      journal.openSegment();
      return journal;
    } catch (error) {
      console.warn(
        `[metrics] no crash journal (${(error as Error).message}): a hard kill loses up to one flush interval of observations`,
      );
      return null;
    }
  }

  get currentSegment(): number {
    return this.segment;
  }

  recordCell(id: number, key: string, minute: number, shape: CellShape): void {
    const length = Buffer.byteLength(key);
    const at = this.reserve(1 + 4 + 8 + 1 + 2 + length);
    if (at < 0) return;
    const b = this.buffer;
    b.writeUInt8(RECORD_CELL, at);
    b.writeUInt32LE(id, at + 1);
    b.writeDoubleLE(minute, at + 5);
    b.writeUInt8(SHAPES.indexOf(shape), at + 13);
    b.writeUInt16LE(length, at + 14);
    b.write(key, at + 16, length);
  }

  recordSample(id: number, value: number, weight: number): void {
    this.recordPair(RECORD_SAMPLE, id, value, weight);
  }

  recordIncrement(id: number, count: number, sum: number): void {
    this.recordPair(RECORD_INCREMENT, id, count, sum);
  }

  commit(): void {
    if (this.at === 0 || this.fd === null) return;
    try {
      let written = 0;
      while (written < this.at) written += fs.writeSync(this.fd, this.buffer, written, this.at - written);
      this.pendingBytes += this.at;
      this.segmentBytes.set(this.segment, (this.segmentBytes.get(this.segment) ?? 0) + this.at);
    } catch (error) {
      this.warnOnce(
        `[metrics] crash journal write failed (${(error as Error).message}); observations are buffered in memory only until the next flush`,
      );
    }
    this.at = 0;
  }

  /** Closes the current segment (the one a flush is about to store) and opens the next; returns the closed one. */
  rotate(): number {
    this.commit();
    const closed = this.segment;
    try {
      if (this.fd !== null) fs.closeSync(this.fd);
    } catch {
      // closing can only fail for an fd that is gone already
    }
    this.fd = null;
    this.segment++;
    // Resume only at a segment start: every record of a segment refers to cells defined in it.
    this.paused = this.pendingBytes > this.maxPendingBytes;
    if (this.paused) {
      this.warnOnce(
        `[metrics] crash journal paused: ${Math.round(this.pendingBytes / 1e6)} MB not yet stored (database unreachable?)`,
      );
      return closed;
    }
    try {
      this.openSegment();
    } catch (error) {
      this.fd = null;
      this.warnOnce(
        `[metrics] crash journal can't open a segment (${(error as Error).message}); observations are buffered in memory only until it can`,
      );
    }
    return closed;
  }

  /** A flush covering segments up to `segment` is stored: their files go. */
  acknowledge(segment: number): void {
    for (const file of segmentsOf(this.dir, this.id)) {
      if (file.segment > segment || file.segment === this.segment) continue;
      removeQuietly(file.file);
      this.pendingBytes -= this.segmentBytes.get(file.segment) ?? 0;
      this.segmentBytes.delete(file.segment);
    }
    if (this.pendingBytes <= this.maxPendingBytes) this.warned = false;
  }

  /** After the last flush of a clean shutdown: nothing left to replay. */
  close(): void {
    this.commit();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    for (const file of segmentsOf(this.dir, this.id)) removeQuietly(file.file);
    removeQuietly(ownerFile(this.dir, this.id, process.pid));
  }

  private openSegment(): void {
    this.fd = fs.openSync(segmentFile(this.dir, this.id, this.segment), "a");
    fs.writeSync(this.fd, JOURNAL_MAGIC);
  }

  private recordPair(type: number, id: number, first: number, second: number): void {
    const at = this.reserve(1 + 4 + 16);
    if (at < 0) return;
    const b = this.buffer;
    b.writeUInt8(type, at);
    b.writeUInt32LE(id, at + 1);
    b.writeDoubleLE(first, at + 5);
    b.writeDoubleLE(second, at + 13);
  }

  /** Offset for a record of `size` bytes in the pending buffer, or -1 while paused. */
  private reserve(size: number): number {
    if (this.paused || this.fd === null) return -1;
    if (this.at + size > this.buffer.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + size));
      this.buffer.copy(next, 0, 0, this.at);
      this.buffer = next;
    }
    const at = this.at;
    this.at += size;
    return at;
  }

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(message);
  }
}
