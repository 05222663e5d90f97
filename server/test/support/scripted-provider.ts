import type { ProviderId, ProviderInfo } from '../../src/contract/index.ts';
import type { Providers } from '../../src/providers/index.ts';
import type {
  CancelResult,
  PollResult,
  Provider,
  ProviderError,
  SubmitInput,
  UpstreamRef,
} from '../../src/providers/interface.ts';

/**
 * A provider whose upstream the test drives: jobs stay `running` until the test sets their poll result.
 * Counts every call so tests can assert, e.g., that SSE watchers cause no extra polls.
 */
export class ScriptedProvider implements Provider {
  readonly resubmitWhenLost: boolean;
  readonly limits: Provider['limits'];
  readonly firstPollMs = 0;
  readonly submits: SubmitInput[] = [];
  readonly cancels: UpstreamRef[] = [];
  readonly submitErrors: ProviderError[] = [];
  readonly pollErrors: ProviderError[] = [];
  polls = 0;
  private readonly results = new Map<string, PollResult>();

  constructor(
    readonly id: ProviderId = 'local',
    options: { resubmitWhenLost?: boolean; limits?: Provider['limits'] } = {},
  ) {
    this.resubmitWhenLost = options.resubmitWhenLost ?? false;
    this.limits = options.limits ?? { concurrency: 4 };
  }

  async describe(): Promise<ProviderInfo> {
    return {
      id: this.id,
      label: `Scripted ${this.id}`,
      available: true,
      sizes: null,
      anySize: true,
      maxVariations: 4,
      promptRequired: false,
      usesPrompt: true,
      supports: { negativePrompt: true, seeds: true, locale: false, cancel: 'always' },
      options: [],
    };
  }

  validate(): void {}

  async submit(input: SubmitInput): Promise<UpstreamRef> {
    const error = this.submitErrors.shift();
    if (error) throw error;
    this.submits.push(input);
    if (!this.results.has(input.jobId)) this.results.set(input.jobId, { state: 'running', nextPollMs: 10 });
    return { id: input.jobId, data: { attempt: this.submits.length } };
  }

  async poll(ref: UpstreamRef): Promise<PollResult> {
    this.polls++;
    const error = this.pollErrors.shift();
    if (error) throw error;
    return this.results.get(ref.id) ?? { state: 'lost' };
  }

  async cancel(ref: UpstreamRef): Promise<CancelResult> {
    this.cancels.push(ref);
    return { accepted: true };
  }

  /** What the next polls of this job return. */
  set(jobId: string, result: PollResult): void {
    this.results.set(jobId, result);
  }

  /** Forgets a job, as an upstream that lost it would. */
  forget(jobId: string): void {
    this.results.delete(jobId);
  }

  asProviders(): () => Providers {
    return () => ({ registry: new Map([[this.id, this]]), close: async () => undefined });
  }
}
