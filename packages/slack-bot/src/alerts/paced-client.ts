import { webApi } from "@slack/bolt";

/** A Web API call that certainly did not take effect and will not if repeated as is. */
export class RefusedCall extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

/**
 * Slack errors after which a message may or may not have been posted: "it's possible some
 * aspect of the operation succeeded before the error was raised".
 */
const UNCERTAIN = new Set([
  "internal_error",
  "fatal_error",
  "request_timeout",
  "service_unavailable",
]);

/**
 * Web API calls that honour Retry-After: after a 429 no call is made until the time Slack
 * gave is up, then the call is repeated. A rate-limited call did not take effect, so repeating
 * it is safe. Other errors are sorted: RefusedCall for an answer `ok: false` that says the
 * call did nothing (channel_not_found, users_not_found, …); anything else (network, HTTP 5xx,
 * internal_error) is rethrown as is, since the call may have taken effect.
 */
export class PacedClient {
  private resumeAt = 0;
  /** 429 answers so far, and the seconds waited because of them. */
  rateLimited = 0;
  waitedSeconds = 0;

  constructor(
    readonly client: webApi.WebClient,
    private readonly now: () => number,
    private readonly sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** A client for `token` that leaves rate limits and retries to PacedClient. */
  static forToken(token: string, slackApiUrl: string | null, now: () => number): PacedClient {
    const client = new webApi.WebClient(token, {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      logLevel: webApi.LogLevel.ERROR,
    });
    return new PacedClient(client, now);
  }

  async call<T>(work: (client: webApi.WebClient) => Promise<T>): Promise<T> {
    for (;;) {
      const wait = this.resumeAt - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await work(this.client);
      } catch (error) {
        if (error instanceof webApi.WebAPIRateLimitedError) {
          this.rateLimited++;
          this.waitedSeconds += error.retryAfter;
          this.resumeAt = this.now() + error.retryAfter * 1000;
          continue;
        }
        if (error instanceof webApi.WebAPIPlatformError && !UNCERTAIN.has(error.data.error)) {
          throw new RefusedCall(error.data.error);
        }
        throw error;
      }
    }
  }
}
