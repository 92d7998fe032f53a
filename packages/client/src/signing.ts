import { createHash, createHmac } from "node:crypto";

/** An access key pair, optionally temporary (then with its security token). */
export interface AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
}

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
const UNRESERVED_PATH = /^[A-Za-z0-9\-_.~/]*$/;
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
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}T${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
}

/**
 * Signs a request with Huawei Cloud's SDK-HMAC-SHA256 (the APIG "AK/SK" algorithm):
 * returns the headers to add, `X-Sdk-Date` and `Authorization` (plus `X-Security-Token`
 * for temporary credentials, which is signed too). The host is signed as fetch will send it.
 */
export function signRequest(
  request: RequestToSign,
  credentials: AccessKeyCredentials,
  date: Date,
): Record<string, string> {
  const url = new URL(request.url);
  const xSdkDate = sdkDate(date);
  // Every header is signed, lowercase, sorted by name; host is not among them until fetch
  // adds it. Plain arrays: this runs once per request (and per retry).
  const byName = new Map<string, string>();
  request.headers.forEach((value, name) => {
    byName.set(name, value);
  });
  byName.set("x-sdk-date", xSdkDate);
  if (credentials.securityToken) byName.set("x-security-token", credentials.securityToken);
  byName.set("host", url.host);
  const names = [...byName.keys()].sort();
  const signedNames = names.join(";");
  let canonicalHeaders = "";
  for (const name of names) canonicalHeaders += `${name}:${(byName.get(name) as string).trim()}\n`;
  const payloadHash = byName.get("x-sdk-content-sha256") ?? bodyHash(request.body);

  const canonicalRequest = `${request.method.toUpperCase()}\n${canonicalUri(url.pathname)}\n${canonicalQuery(url.search)}\n${canonicalHeaders}\n${signedNames}\n${payloadHash}`;
  const stringToSign = `${SIGNING_ALGORITHM}\n${xSdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", signingKey(credentials)).update(stringToSign).digest("hex");

  const added: Record<string, string> = {
    "X-Sdk-Date": xSdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedNames}, Signature=${signature}`,
  };
  if (credentials.securityToken) added["X-Security-Token"] = credentials.securityToken;
  return added;
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

// HMAC with a string key converts it on every call, which costs as much as the HMAC itself:
// convert once per credentials object (the client keeps one for its lifetime).
const signingKeys = new WeakMap<AccessKeyCredentials, { secretKey: string; key: Buffer }>();

function signingKey(credentials: AccessKeyCredentials): Buffer {
  const cached = signingKeys.get(credentials);
  if (cached?.secretKey === credentials.secretKey) return cached.key;
  const key = Buffer.from(credentials.secretKey, "utf8");
  signingKeys.set(credentials, { secretKey: credentials.secretKey, key });
  return key;
}

// A fleet sends the same body to every instance: its hash is computed once.
let lastBody: Uint8Array = new Uint8Array();
let lastBodyHash = EMPTY_BODY_SHA256;

function bodyHash(body: Uint8Array): string {
  if (body.byteLength !== lastBody.byteLength || !body.every((byte, i) => byte === lastBody[i])) {
    lastBodyHash = sha256Hex(body);
    lastBody = body.slice();
  }
  return lastBodyHash;
}

/**
 * Each segment decoded from its wire form, then encoded leaving only A-Z a-z 0-9 - _ . ~,
 * and a trailing slash (for signing only). Decoding first makes the result independent of
 * how the sender chose to encode a segment, as the signer on the server side sees it.
 */
export function canonicalUri(pathname: string): string {
  // Ids and names are usually all unreserved characters: nothing to decode or encode.
  if (UNRESERVED_PATH.test(pathname)) return pathname.endsWith("/") ? pathname : `${pathname}/`;
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
