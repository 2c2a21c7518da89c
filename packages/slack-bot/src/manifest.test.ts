import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

const Manifest = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string(), url: z.string() })),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
  }),
});

const manifest = Manifest.parse(
  parse(readFileSync(new URL("../manifest.yaml", import.meta.url), "utf8")),
);
const source = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("the app manifest", () => {
  it("sends the commands, events and clicks the bot listens to to /slack/events", () => {
    const handlers = source("./handlers/slash-commands.ts");
    for (const { command, url } of manifest.features.slash_commands) {
      expect(handlers).toContain(`app.command("${command}"`);
      expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    }
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(["/tier", "/churn"]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_mention", "message.im"]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  });

  it("asks for the scope of every Web API method the bot calls", () => {
    // Scopes from Slack's method reference.
    const needs: Record<string, string[]> = {
      "chat.postMessage": ["chat:write"],
      "conversations.open": ["im:write"],
      "users.lookupByEmail": ["users:read", "users:read.email"],
      "conversations.list": ["channels:read", "groups:read"],
      "conversations.history": ["im:history", "channels:history", "groups:history"],
    };
    const code = ["./alerts/alert-sender.ts", "./alerts/destinations.ts"].map(source).join("\n");
    const called = [...code.matchAll(/c\.(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`);
    expect(new Set(called)).toEqual(new Set(Object.keys(needs)));
    for (const method of called) {
      for (const scope of needs[method] ?? [])
        expect(manifest.oauth_config.scopes.bot).toContain(scope);
    }
    for (const scope of ["commands", "app_mentions:read"])
      expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });
});
