import type { Client } from "openapi-fetch";
import { type CredentialOptions, credentialsFrom } from "./auth.js";
import { ConfigError, requestIdHeader, ValidationError } from "./errors.js";
import type { paths } from "./generated/schema.js";
import {
  type CallOptions,
  createHttp,
  endpointOption,
  type RetryEvent,
  type RetryOptions,
  retryOptions,
  type SendPolicy,
  send,
  timeoutOption,
} from "./http.js";
import { endpointForRegion } from "./regions.js";
import type { DataDumpAction } from "./types.js";
import { checkAction, checkBucketName, checkInstanceId, checkProjectId } from "./validation.js";

export type { CallOptions, RetryEvent, RetryOptions } from "./http.js";

/** Credentials: `token`, or `accessKey` and `secretKey` (and `securityToken` when temporary). */
export interface ClientOptions extends CredentialOptions, RetryOptions {
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
  /** Allow a plain-http endpoint that is not on this machine (credentials then travel unencrypted). */
  allowInsecureHttp?: boolean | undefined;
  /** Milliseconds each attempt may take before it fails with a TimeoutError: 1 to 300000, default 30000. */
  timeout?: number | undefined;
  /** Told before each retry, e.g. to log it. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** How to wait between attempts; replaceable for tests. */
  sleep?: ((ms: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  /** The jitter source, 0 <= x < 1; replaceable for tests. */
  random?: (() => number) | undefined;
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

/** What a successful call did; the service answers 200 with no body. */
export interface DataDumpResult {
  projectId: string;
  instanceId: string;
  bucketName: string;
  action: DataDumpAction;
  status: number;
  /** `X-Request-Id` of the answer, to quote to Huawei Cloud support. */
  requestId: string | undefined;
  /** How many attempts it took (retries after throttling or failures). */
  attempts: number;
}

const DATA_DUMP_PATH = "/v3/{project_id}/instances/{instance_id}/data-dump";

export class GeminiDBClient {
  /** Base URL every request goes to, without a trailing slash. */
  readonly endpoint: string;
  readonly projectId: string | undefined;
  readonly timeout: number;
  /** `token` or `aksk`: how requests are authenticated. */
  readonly authKind: "token" | "aksk";
  readonly #http: Client<paths>;
  readonly #policy: SendPolicy;

  constructor(options: ClientOptions) {
    if (typeof options !== "object" || options === null) {
      throw new ConfigError("options are required: { token, region | endpoint }");
    }
    const credentials = credentialsFrom(options);
    this.authKind = "token" in credentials ? "token" : "aksk";
    this.endpoint = endpointOption(
      options.endpoint,
      options.region,
      endpointForRegion,
      "https://gaussdb-nosql.ap-southeast-1.myhuaweicloud.com",
      options.allowInsecureHttp,
    );
    this.projectId = options.projectId;
    this.timeout = timeoutOption(options.timeout);
    this.#http = createHttp<paths>({ endpoint: this.endpoint, credentials, fetch: options.fetch, now: options.now });
    this.#policy = {
      endpoint: this.endpoint,
      timeout: this.timeout,
      retry: retryOptions(options),
      onRetry: options.onRetry,
      sleep: options.sleep,
      random: options.random,
    };
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

    const { value, attempts } = await send(this.#policy, options, (signal) =>
      this.#http.PUT(DATA_DUMP_PATH, {
        params: { path: { project_id: projectId, instance_id: instanceId } },
        // The official SDKs send (and sign) the project of the path with AK/SK.
        headers: this.authKind === "aksk" ? { "X-Project-Id": projectId } : {},
        body: { bucket_name: bucketName, action },
        // judgedByStatus hands on only empty 2xx answers (non-2xx become ApiError).
        parseAs: "text",
        // A redirect would carry the credentials to wherever it points, and turn the PUT
        // into a GET on 303: surface it as an error instead of following it.
        redirect: "manual",
        signal,
      }),
    );
    const { response } = value;
    return {
      projectId,
      instanceId,
      bucketName,
      action,
      status: response.status,
      requestId: requestIdHeader(response.headers),
      attempts,
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

/** Creates a client for a region or an endpoint, with a token or an access key pair. */
export function createClient(options: ClientOptions): GeminiDBClient {
  return new GeminiDBClient(options);
}
