import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Waits until the millisecond clock has moved past now (timestamps are stored to the
 * millisecond): the condition tests need to order rows by time, not an arbitrary delay.
 */
export async function untilClockMoves(): Promise<number> {
  const start = Date.now();
  while (Date.now() <= start) await nextTurn();
  return Date.now();
}
