/** Explicit bounds on what the loader accepts, so hostile files fail fast with a diagnostic. */
export interface LoadLimits {
  /** Largest nomination file accepted, in bytes. */
  maxFileBytes: number;
  /** Deepest nesting of mappings and sequences accepted. */
  maxDepth: number;
  /** Most alias dereferences accepted while building the data (alias bombs). */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 1024 * 1024,
  maxDepth: 64,
  maxAliasCount: 100,
};
