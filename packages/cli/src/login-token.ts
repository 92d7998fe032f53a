import { CredentialsError } from "./errors.js";
import { readState, removeState, writeState } from "./state.js";

type Env = Record<string, string | undefined>;

/** What `geminidb auth login` caches (0600 in the config dir). */
export interface CachedToken {
  token: string;
  expiresAt: string;
  projectId?: string | undefined;
  projectName?: string | undefined;
  userName: string;
  domainName: string;
  iamEndpoint: string;
}

export const TOKEN_FILE = "token.json";
/** A cached token is not used in its last minutes: a call must not fail halfway for it. */
export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

export function saveLoginToken(env: Env, token: CachedToken): string {
  return writeState(env, TOKEN_FILE, token);
}

export function forgetLoginToken(env: Env): boolean {
  return removeState(env, TOKEN_FILE);
}

/** The cached login token when there is one; an error when it has expired or is about to. */
export function loginToken(env: Env, now = Date.now()): CachedToken | undefined {
  const cached = readState<CachedToken>(env, TOKEN_FILE);
  if (!cached || typeof cached.token !== "string" || typeof cached.expiresAt !== "string") return undefined;
  const expiresAt = Date.parse(cached.expiresAt);
  if (!(expiresAt - now > EXPIRY_MARGIN_MS)) {
    throw new CredentialsError(
      `the token from 'geminidb auth login' ${expiresAt > now ? "expires" : "expired"} at ${cached.expiresAt}: run 'geminidb auth login' again`,
    );
  }
  return cached;
}
