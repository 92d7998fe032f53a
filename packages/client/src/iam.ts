import type { Client } from "openapi-fetch";
import { type CredentialOptions, credentialsFrom } from "./auth.js";
import { ConfigError, GeminiDBError, ResponseError, requestIdHeader, ValidationError } from "./errors.js";
import type { paths } from "./generated/iam.js";
import { type CallOptions, createHttp, endpointOption, type SendPolicy, send, timeoutOption } from "./http.js";
import { iamEndpointForRegion } from "./regions.js";
import { readAtMost } from "./transport.js";

/** The most of a success body that is read: IAM's answers are parsed, unlike GeminiDB's empty 200. */
const SUCCESS_BODY_READ_LIMIT = 1024 * 1024;

/** Keeps a 2xx body, bounded, for openapi-fetch to parse (as text: headers that no longer fit are dropped). */
async function keepBoundedBody(response: Response, signal: AbortSignal): Promise<Response> {
  const text = await readAtMost(response, SUCCESS_BODY_READ_LIMIT, signal);
  if (signal.aborted) throw signal.reason;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(text, { status: response.status, headers });
}

export interface IamClientOptions extends CredentialOptions {
  /** Region ID: IAM is `https://iam.{region}.myhuaweicloud.com`. */
  region?: string | undefined;
  /** IAM endpoint URL instead (private cloud, mock). Wins over `region`. */
  endpoint?: string | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  now?: (() => Date) | undefined;
  /** Allow a plain-http endpoint that is not on this machine (credentials then travel unencrypted). */
  allowInsecureHttp?: boolean | undefined;
  /** Milliseconds a request may take: 1 to 300000, default 30000. */
  timeout?: number | undefined;
}

export interface PasswordLogin {
  userName: string;
  password: string;
  /** The account (domain) the IAM user belongs to. */
  domainName: string;
  /** The project the token is for: by ID, or by name (a region ID). */
  projectId?: string | undefined;
  projectName?: string | undefined;
}

export interface IamToken {
  /** The token, to send as `X-Auth-Token`. A secret: never log it. */
  token: string;
  expiresAt: Date;
  projectId: string | undefined;
  projectName: string | undefined;
  requestId: string | undefined;
}

/** No project has the name asked for. */
export class ProjectNotFoundError extends GeminiDBError {
  override name = "ProjectNotFoundError";
}

/** The IAM calls geminidb-kit needs: a token by password, a project ID by name. */
export class IamClient {
  readonly endpoint: string;
  readonly timeout: number;
  readonly #http: Client<paths>;
  readonly #policy: SendPolicy;

  constructor(options: IamClientOptions) {
    if (typeof options !== "object" || options === null) {
      throw new ConfigError("options are required: { region | endpoint }");
    }
    const anyCredentials = ["token", "accessKey", "secretKey", "securityToken"].some(
      (key) => (options as Record<string, unknown>)[key] !== undefined,
    );
    this.endpoint = endpointOption(
      options.endpoint,
      options.region,
      iamEndpointForRegion,
      "https://iam.ap-southeast-1.myhuaweicloud.com",
      options.allowInsecureHttp,
    );
    this.timeout = timeoutOption(options.timeout);
    this.#http = createHttp<paths>({
      endpoint: this.endpoint,
      // A password login needs no credentials; a project look-up does.
      credentials: anyCredentials ? credentialsFrom(options) : undefined,
      fetch: options.fetch,
      now: options.now,
      onSuccess: keepBoundedBody,
    });
    // A login is not retried (a refused password must not be tried again); a look-up is, by the caller's options.
    this.#policy = {
      endpoint: this.endpoint,
      timeout: this.timeout,
      retry: { maxAttempts: 1, initialDelay: 500, maxDelay: 20_000 },
    };
  }

  /** Obtains a project-scoped user token with a password (valid 24 hours). */
  async createTokenByPassword(login: PasswordLogin, options?: CallOptions): Promise<IamToken> {
    for (const field of ["userName", "password", "domainName"] as const) {
      if (typeof login?.[field] !== "string" || login[field] === "") throw new ValidationError(field, "is required");
    }
    if (!login.projectId && !login.projectName) {
      throw new ValidationError("projectId", "a project ID or a project name (a region ID) is required");
    }
    const scope = login.projectId ? { id: login.projectId } : { name: login.projectName as string };
    const {
      value: { data: text, response },
    } = await send(this.#policy, { ...options, maxAttempts: 1 }, (signal) =>
      this.#http.POST("/v3/auth/tokens", {
        body: {
          auth: {
            identity: {
              methods: ["password"],
              password: {
                user: { name: login.userName, password: login.password, domain: { name: login.domainName } },
              },
            },
            scope: { project: scope },
          },
        },
        parseAs: "text",
        redirect: "manual",
        signal,
      }),
    );
    const body = parseBody(text) as { token?: { expires_at?: unknown; project?: { id?: unknown; name?: unknown } } };
    const token = response.headers.get("x-subject-token");
    const expiresAt = new Date(typeof body?.token?.expires_at === "string" ? body.token.expires_at : Number.NaN);
    if (!token || Number.isNaN(expiresAt.getTime())) {
      throw new ResponseError("IAM answered without a token (X-Subject-Token) or its expiry (token.expires_at)");
    }
    if (!SENDABLE.test(token)) throw new ResponseError("IAM answered with a token that cannot be sent in a header");
    const project = body?.token?.project;
    return {
      token,
      expiresAt,
      projectId: typeof project?.id === "string" ? project.id : undefined,
      projectName: typeof project?.name === "string" ? project.name : undefined,
      requestId: requestIdHeader(response.headers),
    };
  }

  /** The ID of the project with this name; a region's default project is named after it. */
  async findProjectId(name: string, options?: CallOptions): Promise<string> {
    if (typeof name !== "string" || name === "") throw new ValidationError("name", "is required");
    const {
      value: { data: text },
    } = await send({ ...this.#policy, retry: { ...this.#policy.retry, maxAttempts: 3 } }, options, (signal) =>
      this.#http.GET("/v3/projects", { params: { query: { name } }, parseAs: "text", redirect: "manual", signal }),
    );
    const projects = (parseBody(text) as { projects?: unknown })?.projects;
    if (!Array.isArray(projects)) throw new ResponseError("IAM answered without a list of projects");
    const matches = projects.filter((p): p is { id: unknown; name: unknown } => p?.name === name);
    if (matches.length === 0) throw new ProjectNotFoundError(`IAM knows no project named ${JSON.stringify(name)}`);
    const id = matches[0]?.id;
    // Checked before anyone caches it or puts it in a URL.
    if (typeof id !== "string" || !PROJECT_ID.test(id)) {
      throw new ResponseError(`IAM answered with a project id of an unexpected form for ${JSON.stringify(name)}`);
    }
    return id;
  }
}

const SENDABLE = /^[\x21-\x7e]+$/;
const PROJECT_ID = /^[0-9a-f]{32}$/;

// Requests are made with parseAs "text": whatever the typing says, the data is the raw body.
function parseBody(text: unknown): unknown {
  try {
    return JSON.parse(typeof text === "string" ? text : "");
  } catch {
    throw new ResponseError("IAM answered with a body that is not JSON");
  }
}

export function createIamClient(options: IamClientOptions): IamClient {
  return new IamClient(options);
}
