/**
 * Named leases in the store, so that of several processes sharing it exactly one does a job (ingest
 * the seeds folder and the feeds) and another takes over when it stops renewing. Implemented in
 * `src/store`, one atomic statement each.
 */
export interface Leases {
  /**
   * Takes the lease `name` for `holder` until `ttlMs` from now when it is free, expired or already
   * `holder`'s (a renewal). True when `holder` holds it now.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Lets the lease go if `holder` holds it, so another may take it at once. */
  releaseLease(name: string, holder: string): Promise<void>;
}
