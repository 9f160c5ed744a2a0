/** Said before removing a member or making them viewer: what happens to their waiting requests. */
export function pendingRequestsWarning(count: number, isSelf: boolean): string | null {
  if (count === 0) return null;
  return `${isSelf ? "Your" : "Their"} ${count} change request${count === 1 ? "" : "s"} waiting for approval will be cancelled.`;
}
