import type { components } from "./generated/schema.js";

/** The body of SetInstanceDataDump, in the API's own field names. */
export type DataDumpRequest = components["schemas"]["DataDumpRequest"];
/** `open` turns data export on, `close` turns it off. */
export type DataDumpAction = DataDumpRequest["action"];
/** The Huawei Cloud error body: `{error_code, error_msg, request_id?}`. */
export type ErrorBody = components["schemas"]["Error"];
