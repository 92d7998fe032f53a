import { describe, expect, it } from "vitest";
import { proxyFor } from "../src/proxy-entry.js";

const via = (url: string, env: Record<string, string>) => proxyFor(new URL(url), env)?.href;

describe("proxyFor", () => {
  it("takes HTTPS_PROXY for https and HTTP_PROXY for http, in either case", () => {
    const env = { HTTPS_PROXY: "http://secure-proxy:3128", http_proxy: "plain-proxy:8080" };
    expect(via("https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com/x", env)).toBe("http://secure-proxy:3128/");
    expect(via("http://127.0.0.1:4010/x", env)).toBe("http://plain-proxy:8080/");
    expect(via("https://a.example", {})).toBeUndefined();
  });

  it.each([
    ["myhuaweicloud.com", "https://iam.ap-southeast-1.myhuaweicloud.com", true],
    [".myhuaweicloud.com", "https://iam.ap-southeast-1.myhuaweicloud.com", true],
    ["*.myhuaweicloud.com", "https://iam.ap-southeast-1.myhuaweicloud.com", true],
    ["huaweicloud.com", "https://iam.ap-southeast-1.myhuaweicloud.com", false],
    ["example.com:8443", "https://example.com:8443", true],
    ["example.com:8443", "https://example.com", false],
    ["localhost, 127.0.0.1", "http://127.0.0.1:4010", true],
    ["[::1]", "http://[::1]:4010", true],
    ["*", "https://anything.example", true],
  ])("NO_PROXY=%s for %s bypasses: %s", (noProxy, url, bypass) => {
    const env = { HTTPS_PROXY: "http://proxy:3128", HTTP_PROXY: "http://proxy:3128", NO_PROXY: noProxy };
    expect(via(url, env) === undefined).toBe(bypass);
  });
});
