import fs from "node:fs";
import type { Db } from "@/lib/db/client";
import { AggregateCell } from "./aggregate-cell";
import type { JournalMark, MinuteCell } from "./aggregate-writer";
import { SHAPES } from "./cell-batch";
import { JOURNAL_MAGIC, listOwners, ownerFile, processAlive, removeQuietly, segmentsOf } from "./journal-files";
import { RECORD_CELL, RECORD_INCREMENT, RECORD_SAMPLE } from "./metric-journal";
import { parseSeriesKey } from "./series-key";

/** A dead process's journal, claimed by this one: its cells and the mark that says they're stored. */
export type ClaimedJournal = {
  journalId: string;
  dir: string;
  cells: MinuteCell[];
  observations: number;
  mark: JournalMark | null;
};

/**
 * Folds segment files into minute cells, exactly as the buffer and the flush worker would have.
 * A record cut short (the process died mid-write) ends the segment.
 */
export function cellsOfSegments(files: readonly string[]): { cells: MinuteCell[]; observations: number } {
  const byKey = new Map<string, MinuteCell>();
  let observations = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    if (!bytes.subarray(0, JOURNAL_MAGIC.length).equals(JOURNAL_MAGIC)) continue;
    const cells = new Map<number, MinuteCell>();
    let at = JOURNAL_MAGIC.length;
    while (at < bytes.length) {
      const type = bytes[at]!;
      if (type === RECORD_CELL) {
        if (at + 16 > bytes.length) break;
        const id = bytes.readUInt32LE(at + 1);
        const minute = bytes.readDoubleLE(at + 5);
        const shape = SHAPES[bytes[at + 13]!] ?? "plain";
        const length = bytes.readUInt16LE(at + 14);
        if (at + 16 + length > bytes.length) break;
        const key = bytes.toString("utf8", at + 16, at + 16 + length);
        at += 16 + length;
        const cellKey = `${key}\u0000${minute}`;
        let entry = byKey.get(cellKey);
        if (!entry || entry.cell.shape !== shape) {
          entry = { series: parseSeriesKey(key), minute, cell: new AggregateCell(shape) };
          byKey.set(cellKey, entry);
        }
        cells.set(id, entry);
      } else if (type === RECORD_SAMPLE || type === RECORD_INCREMENT) {
        if (at + 21 > bytes.length) break;
        const entry = cells.get(bytes.readUInt32LE(at + 1));
        const first = bytes.readDoubleLE(at + 5);
        const second = bytes.readDoubleLE(at + 13);
        at += 21;
        if (!entry) continue;
        observations++;
        if (type === RECORD_SAMPLE) entry.cell.addSample(first, second);
        else entry.cell.addIncrement(first, second);
      } else {
        break;
      }
    }
  }
  return { cells: [...byKey.values()], observations };
}

/**
 * Journals of processes that are gone, for this database, claimed by renaming their owner file
 * (atomic: of two processes starting together, one wins). Segments already covered by a
 * stored mark are deleted unread.
 */
export async function claimOrphanJournals(
  db: Db,
  dir: string,
  database: string,
  ownJournalId: string | null,
): Promise<ClaimedJournal[]> {
  const claimed: ClaimedJournal[] = [];
  for (const owner of listOwners(dir)) {
    if (owner.journalId === ownJournalId || owner.database !== database) continue;
    if (owner.pid !== process.pid && processAlive(owner.pid)) continue;
    const mine = ownerFile(dir, owner.journalId, process.pid);
    if (owner.file !== mine) {
      try {
        fs.renameSync(owner.file, mine);
      } catch {
        continue; // another process took it first
      }
    }
    const stored = await db.metricJournal.findUnique({ where: { id: owner.journalId } });
    const segments = segmentsOf(dir, owner.journalId);
    const pending = segments.filter((s) => !stored || s.segment > stored.segment);
    for (const done of segments.filter((s) => !pending.includes(s))) removeQuietly(done.file);
    const { cells, observations } = cellsOfSegments(pending.map((s) => s.file));
    const last = pending.at(-1);
    claimed.push({
      journalId: owner.journalId,
      dir,
      cells,
      observations,
      mark: last ? { journalId: owner.journalId, segment: last.segment } : null,
    });
  }
  return claimed;
}

/** A replayed journal is stored: its files go. */
export function forgetJournal(dir: string, journalId: string): void {
  for (const segment of segmentsOf(dir, journalId)) removeQuietly(segment.file);
  removeQuietly(ownerFile(dir, journalId, process.pid));
}
