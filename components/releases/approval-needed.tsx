"use client";

/** Says, before anything is sent, that the policy will hold this change for a second person. */
export function ApprovalNeeded({
  environmentName,
  reasons,
  comment,
  onComment,
}: {
  environmentName: string;
  reasons: string[];
  comment: string;
  onComment: (value: string) => void;
}) {
  return (
    <div
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      role="note"
      aria-label="Needs approval"
    >
      <p className="font-medium">Needs approval in {environmentName}</p>
      <ul className="list-disc pl-5">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p>
        This sends a change request to the team&apos;s approvers. Nothing changes until someone else approves it; roll
        back never waits.
      </p>
      <label className="block">
        <span className="mb-1 block text-xs font-medium">Comment for approvers</span>
        <textarea
          className="input min-h-16 w-full text-zinc-900 dark:text-zinc-100"
          maxLength={1000}
          value={comment}
          onChange={(e) => onComment(e.target.value)}
          placeholder="Why now? What did you check?"
        />
      </label>
    </div>
  );
}
