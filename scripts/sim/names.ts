// Keys and names of what the simulation creates, shared by the setup and the report.

export function cohortKey(index: number): string {
  return `cohort-${String(index + 1).padStart(2, "0")}`;
}

export function cohortName(index: number): string {
  return `Cohort ${String(index + 1).padStart(2, "0")}`;
}

export function releaseKey(run: number): string {
  return `run-${String(run + 1).padStart(4, "0")}`;
}
