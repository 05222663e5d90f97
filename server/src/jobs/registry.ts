import { isTerminal, Job } from '../contract/index.ts';
import type { UpstreamRef } from '../providers/interface.ts';
import type { JobFilter, JobPage, JobStore, StoredJob, SubmitStage } from '../storage/jobs.ts';

export type JobListener = (job: Job) => void;

/** Fields a transition may change; id, provider, createdAt and request are fixed at creation. */
export type JobPatch = Partial<Omit<Job, 'id' | 'provider' | 'createdAt' | 'request' | 'revision'>>;

/**
 * The state of every live job. Each transition bumps `revision`, is written to the store, then fanned
 * out to subscribers in order. Watchers only listen: they never cause work upstream.
 */
export class JobRegistry {
  private readonly live = new Map<string, StoredJob>();
  private readonly listeners = new Map<string, Set<JobListener>>();
  /** Per-job write chain, so transitions reach the store (and listeners) in revision order. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly store: JobStore) {}

  async create(input: StoredJob): Promise<Job> {
    const entry = { ...input, job: Job.parse(input.job) };
    await this.store.insert(entry);
    if (!isTerminal(entry.job.status)) this.live.set(entry.job.id, entry);
    return entry.job;
  }

  /** Puts a job read from the store (on resume) back under the registry's care. */
  adopt(entry: StoredJob): void {
    this.live.set(entry.job.id, entry);
  }

  /** The live entry, if the job is live (synchronous: the runner's admission uses it). */
  peek(id: string): StoredJob | undefined {
    return this.live.get(id);
  }

  async get(id: string): Promise<Job | null> {
    return this.live.get(id)?.job ?? (await this.store.get(id))?.job ?? null;
  }

  async getStored(id: string): Promise<StoredJob | null> {
    return this.live.get(id) ?? (await this.store.get(id));
  }

  /**
   * Applies a patch. A terminal job never changes again: a late poll result cannot overwrite a cancel.
   * Returns the job as it now is (unchanged when the transition was refused).
   */
  async transition(id: string, patch: JobPatch, upstreamRef?: UpstreamRef | null): Promise<Job | null> {
    const entry = this.live.get(id);
    if (!entry) return (await this.store.get(id))?.job ?? null;
    const next: Job = { ...entry.job, ...patch, revision: entry.job.revision + 1 };
    // Optional fields set to undefined are dropped, so the JSON stays minimal.
    for (const key of Object.keys(next) as (keyof Job)[]) if (next[key] === undefined) delete next[key];
    // Every state is checked against the contract (and serialised in its key order).
    const job = Job.parse(next);
    entry.job = job;
    if (upstreamRef !== undefined) {
      entry.upstreamRef = upstreamRef;
      entry.submitStage = null;
    }
    if (isTerminal(job.status)) this.live.delete(id);
    const previous = this.writes.get(id) ?? Promise.resolve();
    // A failed write must not stall later ones; its own caller still sees the error.
    const write = previous
      .catch(() => undefined)
      .then(async () => {
        await this.store.update(job, upstreamRef);
        this.emit(job);
      });
    this.writes.set(id, write);
    void write.finally(() => {
      if (this.writes.get(id) === write) this.writes.delete(id);
    });
    await write;
    return job;
  }

  /** Records the upstream handle as soon as it is known, without a visible transition. */
  async setUpstreamRef(id: string, ref: UpstreamRef | null): Promise<void> {
    const entry = this.live.get(id);
    if (entry) {
      entry.upstreamRef = ref;
      entry.submitStage = null;
    }
    await this.store.setUpstreamRef(id, ref);
  }

  /** Records how far a remote submit got before its handle is known (see StoredJob.submitStage). */
  async setSubmitStage(id: string, stage: SubmitStage | null): Promise<void> {
    const entry = this.live.get(id);
    if (entry) entry.submitStage = stage;
    await this.store.setSubmitStage(id, stage);
  }

  /** History, newest first, optionally filtered. */
  list(limit?: number, cursor?: string, filter?: JobFilter): Promise<JobPage> {
    return this.store.list(limit, cursor, filter);
  }

  isLive(id: string): boolean {
    return this.live.has(id);
  }

  liveJobs(): Job[] {
    return [...this.live.values()].map((e) => e.job);
  }

  subscribe(id: string, listener: JobListener): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  subscriberCount(id: string): number {
    return this.listeners.get(id)?.size ?? 0;
  }

  async delete(id: string): Promise<boolean> {
    await this.writes.get(id);
    this.live.delete(id);
    return this.store.delete(id);
  }

  /** Waits for every pending write (shutdown). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }

  private emit(job: Job): void {
    for (const listener of [...(this.listeners.get(job.id) ?? [])]) listener(job);
  }
}
