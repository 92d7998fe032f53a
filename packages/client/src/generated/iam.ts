// GENERATED from spec/iam.yaml by packages/client/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `pnpm generate`.

export interface paths {
    "/v3/auth/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain a user token with a password
         * @description Authenticates an IAM user by name, password and account (domain) name and returns a
         *     token scoped to one project. The token is the `X-Subject-Token` response header; it
         *     is valid for 24 hours (`token.expires_at`). No credentials are needed to call it.
         */
        post: operations["KeystoneCreateUserTokenByPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List projects, e.g. the project of a region
         * @description Lists the projects the caller may see. With `name` set to a region ID, it returns
         *     the project of that region, whose `id` is the project ID of the region's APIs.
         */
        get: operations["KeystoneListProjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        PasswordAuthRequest: {
            auth: {
                identity: {
                    /** @description The authentication methods; `password` here. */
                    methods: "password"[];
                    password: {
                        user: {
                            /** @description IAM user name. */
                            name: string;
                            /** @description The user's password. */
                            password: string;
                            domain: {
                                /** @description Name of the account (domain) the user belongs to. */
                                name: string;
                            };
                        };
                    };
                };
                scope: {
                    /** @description The project the token is for, by ID or by name (a region ID). */
                    project: {
                        id?: string;
                        name?: string;
                    };
                };
            };
        };
        TokenResponse: {
            token: {
                /** @description When the token expires (UTC, ISO 8601). */
                expires_at: string;
                issued_at?: string;
                methods?: string[];
                project?: components["schemas"]["Project"];
            };
        };
        Project: {
            /** @description Project ID. */
            id: string;
            /** @description Project name (a region ID for a region's default project). */
            name: string;
            domain_id?: string;
            enabled?: boolean;
        };
        ProjectList: {
            projects: components["schemas"]["Project"][];
        };
        /**
         * @description IAM errors come in two shapes: `{error_code, error_msg}` from the API gateway, or
         *     `{error: {code, message, title}}` from IAM itself.
         */
        Error: {
            error_code?: string;
            error_msg?: string;
            request_id?: string;
            error?: {
                code?: string;
                message?: string;
                title?: string;
            };
        };
    };
    responses: {
        /** @description The request is malformed. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Wrong user name, password or domain name, or invalid credentials. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The user may not do this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The domain, user or project named does not exist. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description IAM failed; try again later. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /**
         * @description ID of the request, to quote to Huawei Cloud support.
         * @example 9a7c1e3b5d2f4a6c8e0b1d3f5a7c9e1b
         */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    KeystoneCreateUserTokenByPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordAuthRequest"];
            };
        };
        responses: {
            /** @description The token was issued. It is the `X-Subject-Token` header, not part of the body. */
            201: {
                headers: {
                    /**
                     * @description The IAM token, to send as `X-Auth-Token`.
                     * @example MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX
                     */
                    "X-Subject-Token": string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    KeystoneListProjects: {
        parameters: {
            query?: {
                /**
                 * @description Project name; a region's default project is named after the region ID.
                 * @example ap-southeast-1
                 */
                name?: string;
            };
            header?: {
                /** @description Time of signing, UTC, `YYYYMMDDTHHMMSSZ`; sent with AK/SK signatures. */
                "X-Sdk-Date"?: string;
                /** @description Security token of temporary AK/SK credentials; signed with the request. */
                "X-Security-Token"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The projects found (none when no project has that name). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
