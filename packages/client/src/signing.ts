// node:crypto is loaded on the first signature, not when the package is imported: a CLI's
// --help, or a token-only caller, never pays for it.
const crypto = () => process.getBuiltinModule("node:crypto");

/** An access key pair, optionally temporary (then with its security token). */
export interface AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
}

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
const UNRESERVED_PATH = /^[A-Za-z0-9\-_.~/]*$/;

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
  const iso = date.toISOString(); // 2019-11-15T03:36:55.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
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
  // adds it. Ours first, so that they win over a caller's of the same name.
  const headers: [string, string][] = [
    ["host", url.host],
    ["x-sdk-date", xSdkDate],
  ];
  if (credentials.securityToken) headers.push(["x-security-token", credentials.securityToken]);
  request.headers.forEach((value, name) => {
    if (!headers.some(([taken]) => taken === name)) headers.push([name, value]);
  });
  headers.sort(([a], [b]) => (a < b ? -1 : 1));
  const signedNames = headers.map(([name]) => name).join(";");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    headers.map(([name, value]) => `${name}:${value.trim()}\n`).join(""),
    signedNames,
    request.headers.get("x-sdk-content-sha256") ?? sha256Hex(request.body),
  ].join("\n");
  const stringToSign = `${SIGNING_ALGORITHM}\n${xSdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = crypto().createHmac("sha256", signingKey(credentials)).update(stringToSign).digest("hex");

  const added: Record<string, string> = {
    "X-Sdk-Date": xSdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedNames}, Signature=${signature}`,
  };
  if (credentials.securityToken) added["X-Security-Token"] = credentials.securityToken;
  return added;
}

function sha256Hex(data: string | Uint8Array): string {
  return crypto().createHash("sha256").update(data).digest("hex");
}

// HMAC with a string key converts it on every call, which costs as much as the HMAC itself:
// convert once per credentials object (the client keeps one for its lifetime).
const signingKeys = new WeakMap<AccessKeyCredentials, [string, Buffer]>();

function signingKey(credentials: AccessKeyCredentials): Buffer {
  let cached = signingKeys.get(credentials);
  if (cached?.[0] !== credentials.secretKey) {
    cached = [credentials.secretKey, Buffer.from(credentials.secretKey)];
    signingKeys.set(credentials, cached);
  }
  return cached[1];
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
