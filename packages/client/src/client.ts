import createFetchClient, { type Client } from "openapi-fetch";
import { apiErrorFromResponse, ConfigError, ConnectionError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import { endpointForRegion } from "./regions.js";
import type { DataDumpAction } from "./types.js";
import { checkAction, checkBucketName, checkPathValue } from "./validation.js";

export interface ClientOptions {
  /** IAM token scoped to the project, sent as `X-Auth-Token`. */
  token: string;
  /** Region ID such as `ap-southeast-1`; the endpoint follows from it. */
  region?: string | undefined;
  /** Endpoint URL (private cloud, proxy, mock). Wins over `region`. */
  endpoint?: string | undefined;
  /** Project ID used by calls that name none. */
  projectId?: string | undefined;
  /** The fetch to send requests with; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch | undefined;
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

export class GeminiDBClient {
  /** Base URL every request goes to, without a trailing slash. */
  readonly endpoint: string;
  readonly projectId: string | undefined;
  readonly #token: string;
  readonly #http: Client<paths>;

  constructor(options: ClientOptions) {
    if (typeof options.token !== "string" || options.token.trim() === "") {
      throw new ConfigError("an IAM token is required (option `token`)");
    }
    this.#token = options.token;
    this.endpoint = resolveEndpoint(options);
    this.projectId = options.projectId;
    this.#http = createFetchClient<paths>({
      baseUrl: this.endpoint,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Turns data export on (`open`) or off (`close`): the API's SetInstanceDataDump. */
  async setInstanceDataDump(params: SetDataDumpParams, options: CallOptions = {}): Promise<DataDumpResult> {
    const projectId = checkPathValue("project_id", params.projectId ?? this.projectId);
    const instanceId = checkPathValue("instance_id", params.instanceId);
    const bucketName = checkBucketName(params.bucketName);
    const action = checkAction(params.action);

    const { response, error } = await this.#http
      .PUT(DATA_DUMP_PATH, {
        params: { path: { project_id: projectId, instance_id: instanceId } },
        headers: { "X-Auth-Token": this.#token },
        body: { bucket_name: bucketName, action },
        // The success body is documented as empty; read it as text so that an
        // unexpected body never turns a success into a parse error.
        parseAs: "text",
        ...(options.signal ? { signal: options.signal } : {}),
      })
      .catch((cause: unknown) => {
        if (options.signal?.aborted) throw options.signal.reason;
        throw new ConnectionError(`could not reach ${this.endpoint}: ${describeCause(cause)}`, { cause });
      });

    if (!response.ok) throw apiErrorFromResponse(response, error);
    return {
      projectId,
      instanceId,
      bucketName,
      action,
      status: response.status,
      requestId: response.headers.get("x-request-id") ?? undefined,
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

function resolveEndpoint(options: ClientOptions): string {
  if (options.endpoint !== undefined) return normalizeEndpoint(options.endpoint);
  if (options.region !== undefined) return endpointForRegion(options.region);
  throw new ConfigError("a region or an endpoint is required (option `region` or `endpoint`)");
}

function normalizeEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(`endpoint is not a valid URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`endpoint must be an http(s) URL, got ${url.protocol.slice(0, -1)}`);
  }
  if (url.username || url.password) {
    throw new ConfigError("endpoint must not carry credentials");
  }
  if (url.search || url.hash) {
    throw new ConfigError("endpoint must not have a query or fragment");
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
