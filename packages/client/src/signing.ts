import { createHash, createHmac } from "node:crypto";

/** An access key pair, optionally temporary (then with its security token). */
export interface AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
}

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface RequestToSign {
  method: string;
  /** The URL as it is sent: path segments and query already percent-encoded. */
  url: string;
  /** Every header of the request; all of them are signed, as the official SDKs do. */
  headers: Headers;
  /** The exact body bytes (empty for none). */
  body: Uint8Array;
}

/** `20191115T033655Z`: the X-Sdk-Date form of a date. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * Signs a request with Huawei Cloud's SDK-HMAC-SHA256 (the APIG "AK/SK" algorithm):
 * returns the headers to add, `X-Sdk-Date` and `Authorization` (plus `X-Security-Token`
 * for temporary credentials, which is signed too). The host is signed as fetch will send it.
 */
export function signRequest(request: RequestToSign, credentials: AccessKeyCredentials, date: Date): Headers {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.set("X-Sdk-Date", sdkDate(date));
  if (credentials.securityToken) headers.set("X-Security-Token", credentials.securityToken);

  // Headers iterates in sorted, lowercase order; host is not in it until fetch adds it.
  const signed = [...headers, ["host", url.host] as [string, string]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedNames = signed.map(([name]) => name).join(";");
  const payloadHash = headers.get("x-sdk-content-sha256") ?? sha256Hex(request.body);

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    signed.map(([name, value]) => `${name}:${value.trim()}\n`).join(""),
    signedNames,
    payloadHash,
  ].join("\n");
  const stringToSign = [SIGNING_ALGORITHM, headers.get("x-sdk-date"), sha256Hex(canonicalRequest)].join("\n");
  const signature = createHmac("sha256", credentials.secretKey).update(stringToSign).digest("hex");

  const added = new Headers({
    "X-Sdk-Date": headers.get("x-sdk-date") as string,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedNames}, Signature=${signature}`,
  });
  if (credentials.securityToken) added.set("X-Security-Token", credentials.securityToken);
  return added;
}

function sha256Hex(data: string | Uint8Array): string {
  if (typeof data !== "string" && data.byteLength === 0) return EMPTY_BODY_SHA256;
  return createHash("sha256").update(data).digest("hex");
}

/**
 * Each segment decoded from its wire form, then encoded leaving only A-Z a-z 0-9 - _ . ~,
 * and a trailing slash (for signing only). Decoding first makes the result independent of
 * how the sender chose to encode a segment, as the signer on the server side sees it.
 */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split("/")
    .map((segment) => encode(decode(segment)))
    .join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** Pairs sorted by decoded key, then value; keys and values encoded like path segments. */
export function canonicalQuery(search: string): string {
  if (search === "" || search === "?") return "";
  const pairs = search
    .slice(1)
    .split("&")
    .filter((pair) => pair !== "")
    .map((pair) => {
      const eq = pair.indexOf("=");
      return eq === -1 ? [decode(pair), ""] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
    }) as [string, string][];
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// encodeURIComponent leaves ! ' ( ) * as they are; the algorithm encodes them too.
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
