import { createIamClient } from "@geminidb-kit/client/iam";
import type { FoundCredentials } from "./credentials.js";
import { keyedName, readState, StateError, writeState } from "./state.js";

type Env = Record<string, string | undefined>;

export interface LookupOptions {
  credentials: FoundCredentials;
  region: string;
  iamEndpoint: string | undefined;
  env: Env;
  fetch?: typeof fetch | undefined;
  timeout?: number | undefined;
  allowInsecureHttp?: boolean | undefined;
  /** Told when the answer could not be cached: the command goes on regardless. */
  warn: (message: string) => void;
  /** Only the cache, never IAM (for --dry-run, which sends nothing): undefined when not cached. */
  cachedOnly?: boolean;
}

/**
 * The project ID of a region, as the Go SDK finds it: IAM `GET /v3/projects?name=REGION`,
 * signed. Cached in the config dir per IAM endpoint, access key and region, since a
 * project's ID never changes.
 */
export async function lookupProjectId(options: LookupOptions): Promise<string | undefined> {
  const iam = createIamClient({
    ...options.credentials.options,
    region: options.region,
    endpoint: options.iamEndpoint,
    fetch: options.fetch,
    timeout: options.timeout,
    allowInsecureHttp: options.allowInsecureHttp,
  });
  const who = options.credentials.options.accessKey ?? "token";
  const name = keyedName("projects", `${iam.endpoint} ${who} ${options.region}`);
  const cached = readState<{ projectId?: unknown }>(options.env, name)?.projectId;
  if (typeof cached === "string" && /^[0-9a-f]{32}$/.test(cached)) return cached;
  if (options.cachedOnly) return undefined;
  const projectId = await iam.findProjectId(options.region);
  try {
    writeState(options.env, name, { region: options.region, projectId });
  } catch (error) {
    if (!(error instanceof StateError)) throw error;
    options.warn(`the project id is not cached: ${error.message}`);
  }
  return projectId;
}
