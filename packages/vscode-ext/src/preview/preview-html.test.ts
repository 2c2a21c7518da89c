import { describe, expect, it } from "vitest";
import { previewHtml } from "./preview-html.ts";

describe("previewHtml", () => {
  it("allows only the extension's own style and its one nonced script", () => {
    const html = previewHtml({
      cspSource: "https://ext.example",
      scriptUri: "https://ext.example/preview.js",
      styleUri: "https://ext.example/preview.css",
      title: 'Preview <b>"x"</b>',
    });
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(
      /^default-src 'none'; style-src https:\/\/ext\.example; script-src 'nonce-[A-Za-z0-9+/=]{24}';/,
    );
    expect(csp).not.toContain("unsafe");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(
      `<script nonce="${nonce}" src="https://ext.example/preview.js"></script>`,
    );
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain("<title>Preview &#60;b&#62;&#34;x&#34;&#60;/b&#62;</title>");
    expect(
      previewHtml({ cspSource: "a", scriptUri: "b", styleUri: "c", title: "t" }),
    ).not.toContain(nonce);
  });
});
