import { createIamClient } from "@geminidb-kit/client";
import type { FoundCredentials } from "./credentials.js";
import { readState, writeState } from "./state.js";

type Env = Record<string, string | undefined>;
const PROJECTS_FILE = "projects.json";

export interface LookupOptions {
  credentials: FoundCredentials;
  region: string;
  iamEndpoint: string | undefined;
  env: Env;
  fetch?: typeof fetch | undefined;
  timeout?: number | undefined;
}

/**
 * The project ID of a region, as the Go SDK finds it: IAM `GET /v3/projects?name=REGION`,
 * signed. Cached in the config dir per IAM endpoint, access key and region, since a
 * project's ID never changes.
 */
export async function lookupProjectId(options: LookupOptions): Promise<string> {
  const iam = createIamClient({
    ...options.credentials.options,
    region: options.region,
    endpoint: options.iamEndpoint,
    fetch: options.fetch,
    timeout: options.timeout,
  });
  const who = options.credentials.options.accessKey ?? "token";
  const key = `${iam.endpoint} ${who} ${options.region}`;
  const cache = readState<Record<string, string>>(options.env, PROJECTS_FILE) ?? {};
  const cached = cache[key];
  if (typeof cached === "string") return cached;
  const projectId = await iam.findProjectId(options.region);
  writeState(options.env, PROJECTS_FILE, { ...cache, [key]: projectId });
  return projectId;
}
