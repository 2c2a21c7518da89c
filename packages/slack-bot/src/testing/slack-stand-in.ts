import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the bot made to the stand-in. */
export interface RecordedCall {
  /** The Web API method (`chat.postMessage`), or `response_url` for a post to a response URL. */
  method: string;
  path: string;
  contentType: string;
  authorization: string | null;
  /** JSON body, or form fields with JSON-valued fields (blocks) parsed. */
  body: Record<string, unknown>;
}

/** How the stand-in answers one call: status, headers and JSON body. */
export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

type Responder = (call: RecordedCall) => CannedResponse | undefined;

function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    try {
      fields[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      fields[key] = value;
    }
  }
  return fields;
}

/** A message the stand-in keeps, as conversations.history gives it back. */
export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> } | undefined;
}

/** The direct-message channel the stand-in gives a user: U0ANA → D0ANA. */
export const dmOf = (user: string) => `D${user.slice(1)}`;

/**
 * A local HTTP server standing in for Slack's Web API and its response URLs, on loopback.
 * Records every call; answers `{ok: true}` unless a responder says otherwise. For tests only.
 */
export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  /** Messages posted with chat.postMessage, by channel id (users' ids become their DM's). */
  readonly messages: StoredMessage[] = [];
  /** Users by e-mail for users.lookupByEmail; channels by name for conversations.list. */
  readonly users = new Map<string, string>();
  readonly channels = new Map<string, string>();
  /** Calls that arrived while a Retry-After this stand-in gave was still running. */
  readonly tooEarly: RecordedCall[] = [];
  /**
   * Awaited before a call is handled (`before`: it has not reached Slack yet) and after it is
   * handled but before the answer is written (`after`: it took effect, the caller does not
   * know yet): the place to stop a client mid-call. A hook returning "drop" closes the
   * connection there without an answer (and, before, without handling the call).
   */
  readonly hooks: {
    before?: (call: RecordedCall) => Promise<"drop" | undefined>;
    after?: (call: RecordedCall) => Promise<"drop" | undefined>;
  } = {};
  private retryAfterUntil = 0;
  private responders: Responder[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));

  static async start(): Promise<SlackStandIn> {
    const standIn = new SlackStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    return standIn;
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The Web API base URL to hand the bot as SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A response URL to put in a slash command or block action. */
  responseUrl(id: string): string {
    return `${this.base}/respond/${id}`;
  }

  /** Answers matching calls with `responder`'s response (undefined: the default). */
  respond(responder: Responder): void {
    this.responders.push(responder);
  }

  /**
   * Answers 429 with `Retry-After: seconds` to the calls `when` picks, and records in
   * `tooEarly` any call that comes before that time is up.
   */
  rateLimit(when: (call: RecordedCall) => boolean, seconds = 1): void {
    this.respond((call) => {
      if (!when(call)) return undefined;
      this.retryAfterUntil = Date.now() + seconds * 1000;
      return {
        status: 429,
        headers: { "retry-after": String(seconds) },
        body: { ok: false, error: "ratelimited" },
      };
    });
  }

  /** Calls to `method` (or all), in order. */
  callsTo(method?: string): RecordedCall[] {
    return this.calls.filter((c) => method === undefined || c.method === method);
  }

  /** Waits until at least `n` calls to `method` were recorded; throws after `timeoutMs`. */
  async waitFor(n: number, method?: string, timeoutMs = 5000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < n) {
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${n} call(s) to ${method ?? "any method"} within ${timeoutMs} ms; got: ${JSON.stringify(this.calls.map((c) => c.method))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.callsTo(method);
  }

  private defaultResponse(call: RecordedCall): CannedResponse {
    const ok = (body: Record<string, unknown>) => ({ status: 200, body: { ok: true, ...body } });
    const fail = (error: string) => ({ status: 200, body: { ok: false, error } });
    const b = call.body;
    switch (call.method) {
      case "chat.postMessage": {
        const target = String(b.channel ?? "");
        const channel = /^[UW]/.test(target)
          ? dmOf(target)
          : target.startsWith("#")
            ? this.channels.get(target.slice(1))
            : target;
        if (!channel) return fail("channel_not_found");
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.messages.length).padStart(6, "0")}`;
        this.messages.push({
          channel,
          ts,
          text: String(b.text ?? ""),
          blocks: b.blocks,
          ...(b.metadata ? { metadata: b.metadata as StoredMessage["metadata"] } : {}),
        });
        return ok({ channel, ts });
      }
      case "auth.test":
        return ok({
          url: "https://strata-test.slack.com/",
          team: "Strata test",
          user: "strata",
          team_id: "T0STRATA",
          user_id: "U0STRATABOT",
          bot_id: "B0STRATA",
        });
      case "conversations.open":
        return ok({ channel: { id: dmOf(String(b.users ?? "")) } });
      case "users.lookupByEmail": {
        const id = this.users.get(String(b.email ?? ""));
        return id ? ok({ user: { id } }) : fail("users_not_found");
      }
      case "conversations.list":
        return ok({
          channels: [...this.channels].map(([name, id]) => ({ id, name })),
          response_metadata: { next_cursor: "" },
        });
      case "conversations.history": {
        const oldest = Number(b.oldest ?? 0);
        const found = this.messages
          .filter((m) => m.channel === b.channel && Number(m.ts) >= oldest)
          .reverse()
          .map(({ channel: _, ...m }) => ({ type: "message", ...m }));
        return ok({ messages: found, has_more: false });
      }
      default:
        return ok({});
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? "/";
    const contentType = req.headers["content-type"] ?? "";
    const call: RecordedCall = {
      method: path.startsWith("/respond/") ? "response_url" : path.replace(/^\/api\//, ""),
      path,
      contentType,
      authorization: req.headers.authorization ?? null,
      body: parseBody(contentType, Buffer.concat(chunks).toString("utf8")),
    };
    if (Date.now() < this.retryAfterUntil) this.tooEarly.push(call);
    this.calls.push(call);
    if ((await this.hooks.before?.(call)) === "drop" || res.destroyed) {
      res.destroy();
      return;
    }
    const canned =
      this.responders.map((r) => r(call)).find((r) => r !== undefined) ??
      this.defaultResponse(call);
    if ((await this.hooks.after?.(call)) === "drop" || res.destroyed) {
      res.destroy();
      return;
    }
    res.writeHead(canned.status, { "content-type": "application/json", ...canned.headers });
    res.end(JSON.stringify(canned.body));
  }
}
