import { ConfigError } from "./errors.js";
import { type AccessKeyCredentials, signRequest } from "./signing.js";
import { asRequest } from "./transport.js";

/** How requests are authenticated: an IAM token, or an access key pair that signs them. */
export type Credentials = { token: string } | AccessKeyCredentials;

export interface CredentialOptions {
  /** IAM token scoped to the project, sent as `X-Auth-Token`. */
  token?: string | undefined;
  /** Access key ID (AK): requests are then signed with SDK-HMAC-SHA256. */
  accessKey?: string | undefined;
  /** Secret access key (SK), used to sign and never sent. */
  secretKey?: string | undefined;
  /** Security token of temporary AK/SK credentials, sent (and signed) as `X-Security-Token`. */
  securityToken?: string | undefined;
}

// Visible ASCII only: anything else cannot be sent in a header, and an error about it
// would quote the secret.
const SENDABLE = /^[\x21-\x7e]+$/;

/** The one kind of credentials the options name, checked without ever quoting them. */
export function credentialsFrom(options: CredentialOptions): Credentials {
  const { token, accessKey, secretKey, securityToken } = options;
  const hasKeys = accessKey !== undefined || secretKey !== undefined || securityToken !== undefined;
  if (token !== undefined && hasKeys) {
    throw new ConfigError("give either `token` or `accessKey` and `secretKey`, not both", "token");
  }
  if (hasKeys) {
    checkSecret(accessKey, "accessKey");
    checkSecret(secretKey, "secretKey");
    if (securityToken !== undefined) checkSecret(securityToken, "securityToken");
    return { accessKey: accessKey as string, secretKey: secretKey as string, securityToken };
  }
  if (token === undefined) {
    throw new ConfigError("credentials are required: `token`, or `accessKey` and `secretKey`", "token");
  }
  checkSecret(token, "token");
  return { token };
}

function checkSecret(value: unknown, option: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(`option \`${option}\` is required and must be a non-empty string`, "token");
  }
  if (!SENDABLE.test(value)) {
    throw new ConfigError(
      `option \`${option}\` contains characters it cannot have (whitespace, control or non-ASCII characters)`,
      "token",
    );
  }
}

/**
 * The one place requests are authenticated: adds `X-Auth-Token`, or signs the request
 * exactly as it is sent (method, URL, headers and the very body bytes).
 */
export function authenticated(inner: typeof fetch, credentials: Credentials, now: () => Date): typeof fetch {
  return async (input, init) => {
    const request = asRequest(input, init);
    if ("token" in credentials) {
      const headers = new Headers(request.headers);
      headers.set("X-Auth-Token", credentials.token);
      return inner(new Request(request, { headers }));
    }
    const body = new Uint8Array(await request.arrayBuffer());
    const { method, url, headers } = request;
    const signed = signRequest({ method, url, headers, body }, credentials, now());
    // The exact bytes signed are the bytes sent, with the headers signed and the signature.
    return inner(url, {
      method,
      headers: { ...Object.fromEntries(headers), ...signed },
      body: body.byteLength > 0 ? body : null,
      signal: request.signal,
      redirect: request.redirect,
    });
  };
}
