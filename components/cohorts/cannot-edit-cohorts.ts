/** Why a viewer sees the cohort forms read-only, said before they type anything. */
export function cannotEditCohorts(teamName: string): string {
  return `You are a viewer in ${teamName}: you can read cohorts, but creating or changing them needs the editor role. Ask an admin of the team if you need it.`;
}
