/**
 * One environment's evaluation config as plain data: what the snapshot worker reads from the
 * database and posts to the thread that evaluates (structured-clone safe: no functions, no
 * maps), and what compileEnvironmentSnapshot turns into matchers.
 */
export type EnvironmentRows = {
  environment: { id: string; key: string; teamId: string; configVersion: number };
  /** In priority order: the first cohort that matches decides. */
  cohorts: { id: string; key: string; definition: string }[];
  /** Only releases with a rollout in this environment. */
  releases: {
    key: string;
    salt: string;
    status: string;
    defaultBasisPoints: number;
    cohorts: { cohortId: string; basisPoints: number }[];
  }[];
  /** SHA-256 of the environment's live SDK keys. */
  sdkKeyHashes: string[];
};

export type EnvironmentVersion = { id: string; configVersion: number };

/** One poll: every environment's config version, and the rows of those that moved. */
export type SnapshotPoll = { versions: EnvironmentVersion[]; environments: EnvironmentRows[] };
