import { createHmac } from "node:crypto";

/** Options for one request to the bot, signed as Slack signs it unless told otherwise. */
export interface SendOptions {
  /** Seconds since the epoch put in X-Slack-Request-Timestamp; default now. */
  timestamp?: number;
  /** Sent as X-Slack-Retry-Num (with X-Slack-Retry-Reason http_timeout). */
  retryNum?: number;
  /** Sign with this secret instead of the bot's. */
  secret?: string;
  /** Send this X-Slack-Signature instead of the computed one (null: none). */
  signature?: string | null;
}

/** The bot's answer to the HTTP request, and how long it took (ms). */
export interface Sent {
  status: number;
  body: string;
  ms: number;
}

/** `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret, as Slack signs. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Posts `body` to the bot's /slack/events as Slack would. For tests only. */
export async function sendToBot(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<Sent> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined
      ? slackSignature(options.secret ?? secret, timestamp, body)
      : options.signature;
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (signature !== null) headers["x-slack-signature"] = signature;
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text(), ms: performance.now() - started };
}

/** A slash command's body: form-encoded, as Slack posts it. */
export function slashCommandBody(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0STRATA",
    team_domain: "strata-test",
    channel_name: "sales",
    user_name: "rep",
    api_app_id: "A0STRATA",
    ...fields,
  }).toString();
}

/** A block action's body: form-encoded `payload=` with the JSON inside, as Slack posts it. */
export function blockActionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API callback's body: JSON, as Slack posts it. */
export function eventBody(eventId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T0STRATA",
    api_app_id: "A0STRATA",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0STRATA", user_id: "U0STRATABOT", is_bot: true }],
    event,
  });
}
