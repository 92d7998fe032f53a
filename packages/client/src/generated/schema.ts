// GENERATED from spec/openapi.yaml by packages/client/scripts/generate.mjs.
// Do not edit by hand: change the spec and run `pnpm generate`.

export interface paths {
    "/v3/{project_id}/instances/{instance_id}/data-dump": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description ID of the tenant's project in the region (see "Obtaining a Project ID" in the
                 *     Huawei Cloud API reference). The API reference states no format; the pattern is
                 *     the form every Huawei Cloud project ID takes (32 lowercase hexadecimal digits).
                 * @example 0549b4a43100d4f32f51c01c2fe4acdb
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the GeminiDB Influx instance, as shown on the console and returned by the
                 *     instance list API. The API reference states no format; the pattern is the form of
                 *     its example and of GeminiDB instance IDs in general: 32 lowercase hexadecimal
                 *     digits, then `in` and a two-digit engine code (`in13` for GeminiDB Influx).
                 * @example 0a9a2be86bdf493981d17626ad2f8668in13
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Enable or disable instance data export
         * @description Turns the export of the instance's data to Parquet files in an OBS bucket on
         *     (`open`) or off (`close`).
         *
         *     Only performance-enhanced GeminiDB Influx instances support it. An IAM user needs
         *     the permission `gaussdbfornosql:instance:operateDataDump`.
         *
         *     The call is idempotent: sending the same body again leaves the instance in the same
         *     state. It answers 200 with no body; the `X-Request-Id` response header identifies
         *     the request for Huawei Cloud support.
         */
        put: operations["SetInstanceDataDump"];
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
        /** @description What to do with the instance's data export, and where to. */
        DataDumpRequest: {
            /**
             * @description Name of the OBS bucket that receives the Parquet files. OBS bucket names have
             *     3 to 63 characters: lowercase letters, digits, hyphens and periods, starting and
             *     ending with a letter or digit. Required for `close` too.
             * @example influxdb-obs
             */
            bucket_name: string;
            /**
             * @description `open` enables data export, `close` disables it.
             * @example open
             * @enum {string}
             */
            action: "open" | "close";
        };
        /**
         * @description The error body of Huawei Cloud services. GeminiDB errors carry `DBS.*` codes; errors
         *     raised by the API gateway in front of it (authentication, throttling) carry
         *     `APIGW.*` codes and also `request_id`.
         */
        Error: {
            /**
             * @description Machine-readable error code, e.g. `DBS.200001` or `APIGW.0301`.
             * @example DBS.200001
             */
            error_code: string;
            /**
             * @description Human-readable description of the error.
             * @example Invalid parameter.
             */
            error_msg: string;
            /** @description ID of the request, sent by the API gateway with its own errors. */
            request_id?: string;
        };
    };
    responses: {
        /**
         * @description The request is invalid: a parameter error, or an instance that does not belong to
         *     the caller. Do not retry it unmodified.
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description Authentication failed: the token is missing, malformed or expired. Raised by the
         *     API gateway, which adds `request_id`.
         */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The caller may not do this now: missing permission, an instance status that does
         *     not allow the operation, or another operation in progress on the instance.
         */
        Forbidden: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The instance does not exist in this project. */
        NotFound: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The service failed. The request is idempotent and may be retried later. */
        InternalServerError: {
            headers: {
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description Time of signing, UTC, `YYYYMMDDTHHMMSSZ`; sent with AK/SK signatures. Servers refuse a large clock skew.
         * @example 20191115T033655Z
         */
        XSdkDate: string;
        /**
         * @description The project of the path, sent (and signed) by the official SDKs with AK/SK signatures.
         * @example 0549b4a43100d4f32f51c01c2fe4acdb
         */
        XProjectId: string;
        /** @description Security token of temporary AK/SK credentials; signed with the request. */
        XSecurityToken: string;
        /**
         * @description ID of the tenant's project in the region (see "Obtaining a Project ID" in the
         *     Huawei Cloud API reference). The API reference states no format; the pattern is
         *     the form every Huawei Cloud project ID takes (32 lowercase hexadecimal digits).
         * @example 0549b4a43100d4f32f51c01c2fe4acdb
         */
        ProjectId: string;
        /**
         * @description ID of the GeminiDB Influx instance, as shown on the console and returned by the
         *     instance list API. The API reference states no format; the pattern is the form of
         *     its example and of GeminiDB instance IDs in general: 32 lowercase hexadecimal
         *     digits, then `in` and a two-digit engine code (`in13` for GeminiDB Influx).
         * @example 0a9a2be86bdf493981d17626ad2f8668in13
         */
        InstanceId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description ID of the request, to quote to Huawei Cloud support.
         * @example 5e6b8f8a4c1b4d0f9a2e3c7d1b0a9f8e
         */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    SetInstanceDataDump: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Time of signing, UTC, `YYYYMMDDTHHMMSSZ`; sent with AK/SK signatures. Servers refuse a large clock skew.
                 * @example 20191115T033655Z
                 */
                "X-Sdk-Date"?: components["parameters"]["XSdkDate"];
                /**
                 * @description The project of the path, sent (and signed) by the official SDKs with AK/SK signatures.
                 * @example 0549b4a43100d4f32f51c01c2fe4acdb
                 */
                "X-Project-Id"?: components["parameters"]["XProjectId"];
                /** @description Security token of temporary AK/SK credentials; signed with the request. */
                "X-Security-Token"?: components["parameters"]["XSecurityToken"];
            };
            path: {
                /**
                 * @description ID of the tenant's project in the region (see "Obtaining a Project ID" in the
                 *     Huawei Cloud API reference). The API reference states no format; the pattern is
                 *     the form every Huawei Cloud project ID takes (32 lowercase hexadecimal digits).
                 * @example 0549b4a43100d4f32f51c01c2fe4acdb
                 */
                project_id: components["parameters"]["ProjectId"];
                /**
                 * @description ID of the GeminiDB Influx instance, as shown on the console and returned by the
                 *     instance list API. The API reference states no format; the pattern is the form of
                 *     its example and of GeminiDB instance IDs in general: 32 lowercase hexadecimal
                 *     digits, then `in` and a two-digit engine code (`in13` for GeminiDB Influx).
                 * @example 0a9a2be86bdf493981d17626ad2f8668in13
                 */
                instance_id: components["parameters"]["InstanceId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DataDumpRequest"];
            };
        };
        responses: {
            /**
             * @description The request was accepted. The body is empty (`Content-Length: 0`); whether the
             *     export starts at once or later is not documented.
             */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
}
