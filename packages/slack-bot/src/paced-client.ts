import { webApi } from "@slack/bolt";

/**
 * A Web API call refused because of its message or recipient (no such user or channel, a
 * message Slack will not take): it did not take effect and will not if repeated as is.
 */
export class RefusedCall extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

/**
 * A Web API call refused because of the app as a whole: its token, scopes or workspace, or a
 * limit. It did not take effect, and no other call will until that is fixed or has passed.
 */
export class AppRefused extends Error {
  constructor(readonly error: string) {
    super(`Slack refused the app (${error})`);
  }
}

/**
 * Slack errors about one message or its recipient (from the reference of chat.postMessage,
 * conversations.open, users.lookupByEmail and conversations.history); any other `ok: false`
 * is about the app (invalid_auth, token_revoked, account_inactive, missing_scope, ratelimited…).
 */
const ABOUT_THE_MESSAGE = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "messages_tab_disabled",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "users_not_found",
  "user_not_found",
  "user_not_visible",
  "user_disabled",
  "cannot_dm_bot",
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_metadata_format",
  "invalid_metadata_schema",
  "metadata_too_large",
  "msg_too_long",
  "no_text",
  "too_many_attachments",
]);

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

/** How long a Web API call or a post to a response URL may take before it is given up, in ms. */
export const SLACK_TIMEOUT_MS = 10_000;

/**
 * Options for the bot's Web API clients: calls to `slackApiUrl` (null: Slack's own), and posts
 * to response URLs, given up after `timeoutMs`; never repeated by the client itself, since a
 * call that failed or timed out may have taken effect (an answer or an alert posted twice).
 * A 429 is left to PacedClient, which repeats the call once Retry-After has passed.
 */
export function webClientOptions(
  slackApiUrl: string | null,
  timeoutMs: number,
): webApi.WebClientOptions {
  return {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    timeout: timeoutMs,
    // Also what Bolt's respond() posts to response URLs with.
    fetch: (url, init) =>
      fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };
}

/**
 * Web API calls that honour Retry-After: after a 429 no call is made through this client until
 * the time Slack gave is up, then the call is repeated. A rate-limited call did not take
 * effect, so repeating it is safe. Other errors are sorted: an answer `ok: false` says the
 * call did nothing, and becomes RefusedCall when it is about the message or its recipient
 * (channel_not_found, users_not_found, …), else AppRefused; anything else (network, timeout,
 * HTTP 5xx, internal_error) is rethrown as is, since the call may have taken effect.
 */
export class PacedClient {
  private resumeAt = 0;

  constructor(
    readonly client: webApi.WebClient,
    private readonly now: () => number,
    private readonly sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** A client for `token` with `options` (see webClientOptions). */
  static forToken(token: string, options: webApi.WebClientOptions, now: () => number): PacedClient {
    return new PacedClient(
      new webApi.WebClient(token, { ...options, logLevel: webApi.LogLevel.ERROR }),
      now,
    );
  }

  async call<T>(work: (client: webApi.WebClient) => Promise<T>): Promise<T> {
    for (;;) {
      const wait = this.resumeAt - this.now();
      if (wait > 0) await this.sleep(wait);
      try {
        return await work(this.client);
      } catch (error) {
        if (error instanceof webApi.WebAPIRateLimitedError) {
          this.resumeAt = this.now() + error.retryAfter * 1000;
          continue;
        }
        if (error instanceof webApi.WebAPIPlatformError && !UNCERTAIN.has(error.data.error)) {
          const code = error.data.error;
          throw ABOUT_THE_MESSAGE.has(code) ? new RefusedCall(code) : new AppRefused(code);
        }
        throw error;
      }
    }
  }
}
