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

function defaultResponse(call: RecordedCall): CannedResponse {
  if (call.method === "response_url") return { status: 200, body: { ok: true } };
  if (call.method === "chat.postMessage") {
    return { status: 200, body: { ok: true, channel: call.body.channel, ts: "1773800000.000100" } };
  }
  return { status: 200, body: { ok: true } };
}

/**
 * A local HTTP server standing in for Slack's Web API and its response URLs, on loopback.
 * Records every call; answers `{ok: true}` unless a responder says otherwise. For tests only.
 */
export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
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
    this.calls.push(call);
    const canned =
      this.responders.map((r) => r(call)).find((r) => r !== undefined) ?? defaultResponse(call);
    res.writeHead(canned.status, { "content-type": "application/json", ...canned.headers });
    res.end(JSON.stringify(canned.body));
  }
}
