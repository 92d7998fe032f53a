import createFetchClient, { type Client } from "openapi-fetch";
import { authenticated, type CredentialOptions, credentialsFrom } from "./auth.js";
import {
  ConfigError,
  ConnectionError,
  GeminiDBError,
  requestIdHeader,
  TimeoutError,
  ValidationError,
} from "./errors.js";
import type { paths } from "./generated/schema.js";
import { endpointForRegion } from "./regions.js";
import { judgedByStatus } from "./transport.js";
import type { DataDumpAction } from "./types.js";
import { checkAction, checkBucketName, checkInstanceId, checkProjectId } from "./validation.js";

/** Credentials: `token`, or `accessKey` and `secretKey` (and `securityToken` when temporary). */
export interface ClientOptions extends CredentialOptions {
  /** Region ID such as `ap-southeast-1`; the endpoint follows from it. */
  region?: string | undefined;
  /** Endpoint URL (private cloud, proxy, mock). Wins over `region`. */
  endpoint?: string | undefined;
  /** Project ID used by calls that name none. */
  projectId?: string | undefined;
  /** The fetch to send requests with; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch | undefined;
  /** The clock for `X-Sdk-Date` of signed requests; defaults to the system clock. */
  now?: (() => Date) | undefined;
  /** Milliseconds a request may take before it fails with a TimeoutError: 1 to 300000, default 30000. */
  timeout?: number | undefined;
}

export interface DataDumpParams {
  /** The GeminiDB Influx instance, e.g. `0a9a2be86bdf493981d17626ad2f8668in13`. */
  instanceId: string;
  /** The OBS bucket that receives the Parquet files. */
  bucketName: string;
  /** Overrides the client's project ID for this call. */
  projectId?: string | undefined;
}

export interface SetDataDumpParams extends DataDumpParams {
  action: DataDumpAction;
}

export interface CallOptions {
  /** Aborts the request; the call then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout for this call, in milliseconds. */
  timeout?: number | undefined;
}

/** What a successful call did; the service answers 200 with no body. */
export interface DataDumpResult {
  projectId: string;
  instanceId: string;
  bucketName: string;
  action: DataDumpAction;
  status: number;
  /** `X-Request-Id` of the answer, to quote to Huawei Cloud support. */
  requestId: string | undefined;
}

const DATA_DUMP_PATH = "/v3/{project_id}/instances/{instance_id}/data-dump";

/** How long a request may take by default: generous for one small PUT, short enough for CI. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export class GeminiDBClient {
  /** Base URL every request goes to, without a trailing slash. */
  readonly endpoint: string;
  readonly projectId: string | undefined;
  readonly timeout: number;
  /** `token` or `aksk`: how requests are authenticated. */
  readonly authKind: "token" | "aksk";
  readonly #http: Client<paths>;

  constructor(options: ClientOptions) {
    if (typeof options !== "object" || options === null) {
      throw new ConfigError("options are required: { token, region | endpoint }");
    }
    const credentials = credentialsFrom(options);
    this.authKind = "token" in credentials ? "token" : "aksk";
    this.endpoint = resolveEndpoint(options);
    this.projectId = options.projectId;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    const problem = timeoutProblem(this.timeout);
    if (problem) throw new ConfigError(`option \`timeout\` ${problem}`, "timeout");
    if (options.fetch !== undefined && typeof options.fetch !== "function") {
      throw new ConfigError("option `fetch` must be a function", "fetch");
    }
    this.#http = createFetchClient<paths>({
      baseUrl: this.endpoint,
      fetch: judgedByStatus(
        authenticated(
          options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
          credentials,
          options.now ?? (() => new Date()),
        ),
      ),
    });
  }

  /** Turns data export on (`open`) or off (`close`): the API's SetInstanceDataDump. */
  async setInstanceDataDump(params: SetDataDumpParams, options?: CallOptions): Promise<DataDumpResult> {
    if (typeof params !== "object" || params === null) {
      throw new ValidationError("params", "must be an object: { instanceId, bucketName, action }");
    }
    const projectId = checkProjectId(params.projectId ?? this.projectId);
    const instanceId = checkInstanceId(params.instanceId);
    const bucketName = checkBucketName(params.bucketName);
    const action = checkAction(params.action);
    const timeout = options?.timeout ?? this.timeout;
    const problem = timeoutProblem(timeout);
    if (problem) throw new ValidationError("timeout", problem);
    if (options?.signal !== undefined && !(options.signal instanceof AbortSignal)) {
      throw new ValidationError("signal", "must be an AbortSignal");
    }
    const timer = AbortSignal.timeout(timeout);
    const signal = options?.signal ? AbortSignal.any([options.signal, timer]) : timer;

    const { response } = await this.#http
      .PUT(DATA_DUMP_PATH, {
        params: { path: { project_id: projectId, instance_id: instanceId } },
        // The official SDKs send (and sign) the project of the path with AK/SK.
        headers: this.authKind === "aksk" ? { "X-Project-Id": projectId } : {},
        body: { bucket_name: bucketName, action },
        // judgedByStatus hands on only empty 2xx answers (non-2xx become ApiError).
        parseAs: "text",
        // A redirect would carry the token to wherever it points, and turn the PUT into
        // a GET on 303: surface it as an error instead of following it.
        redirect: "manual",
        signal,
      })
      .catch((cause: unknown) => {
        if (options?.signal?.aborted) throw options.signal.reason;
        if (timer.aborted) throw new TimeoutError(`no answer from ${this.endpoint} within ${timeout} ms`, { cause });
        if (cause instanceof GeminiDBError) throw cause;
        if (describeCause(cause) === "bad port") {
          // fetch refuses some ports outright (the WHATWG "bad ports"), before connecting.
          throw new ConfigError(
            `endpoint port ${new URL(this.endpoint).port} is one that fetch refuses to use`,
            "endpoint",
          );
        }
        throw new ConnectionError(`could not reach ${this.endpoint}: ${describeCause(cause)}`, { cause });
      });

    return {
      projectId,
      instanceId,
      bucketName,
      action,
      status: response.status,
      requestId: requestIdHeader(response.headers),
    };
  }

  /** Turns data export on for an instance. */
  openDataDump(params: DataDumpParams, options?: CallOptions): Promise<DataDumpResult> {
    return this.setInstanceDataDump({ ...params, action: "open" }, options);
  }

  /** Turns data export off for an instance. */
  closeDataDump(params: DataDumpParams, options?: CallOptions): Promise<DataDumpResult> {
    return this.setInstanceDataDump({ ...params, action: "close" }, options);
  }
}

/** Creates a client for a region or an endpoint, authenticated with an IAM token. */
export function createClient(options: ClientOptions): GeminiDBClient {
  return new GeminiDBClient(options);
}

// The upper bound is Node's own: its fetch gives up waiting for response headers after
// 300 s, whatever the signal says.
export const MAX_TIMEOUT_MS = 300_000;

function timeoutProblem(timeout: unknown): string | undefined {
  return typeof timeout === "number" && Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS
    ? undefined
    : `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (got ${typeof timeout === "string" ? JSON.stringify(timeout) : String(timeout)})`;
}

function resolveEndpoint(options: ClientOptions): string {
  if (options.endpoint !== undefined) return normalizeEndpoint(options.endpoint);
  if (options.region !== undefined) return endpointForRegion(String(options.region));
  throw new ConfigError("a region or an endpoint is required (option `region` or `endpoint`)", "region");
}

function normalizeEndpoint(endpoint: unknown): string {
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    // Not quoted: a malformed URL may still carry a password.
    throw new ConfigError(
      "endpoint is not a valid URL (e.g. https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com)",
      "endpoint",
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`endpoint must be an http(s) URL, got ${url.protocol.slice(0, -1)}`, "endpoint");
  }
  if (url.username || url.password) {
    throw new ConfigError("endpoint must not carry credentials", "endpoint");
  }
  // Checked on the text: an empty "?" or "#" leaves url.search and url.hash empty.
  if (String(endpoint).includes("?") || String(endpoint).includes("#")) {
    throw new ConfigError("endpoint must not have a query or fragment", "endpoint");
  }
  return url.href.replace(/\/+$/, "");
}

// fetch reports network failures as TypeError("fetch failed") with the reason in `cause`.
function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}
