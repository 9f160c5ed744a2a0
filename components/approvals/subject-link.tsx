import Link from "next/link";
import type { ChangeRequestView } from "@/lib/change-requests/change-request-view";

/** What a request is about, linked: "New checkout in Production", or "Cohort Beta testers". */
export function SubjectLink({
  teamSlug,
  request,
  className,
}: {
  teamSlug: string;
  request: ChangeRequestView;
  className?: string;
}) {
  const href = `/teams/${teamSlug}/${request.subjectPath}`;
  if (request.release && request.environment) {
    return (
      <>
        <Link href={href} className={className}>
          {request.release.name}
        </Link>{" "}
        <span className="muted font-normal">in {request.environment.name}</span>
      </>
    );
  }
  return (
    <Link href={href} className={className}>
      {request.subject}
    </Link>
  );
}
