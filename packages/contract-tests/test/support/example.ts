/** The API page's example request, used across the suite. */
export const EXAMPLE = {
  projectId: "0549b4a43100d4f32f51c01c2fe4acdb",
  instanceId: "0a9a2be86bdf493981d17626ad2f8668in13",
  bucketName: "influxdb-obs",
} as const;

export const EXAMPLE_PATH = `/v3/${EXAMPLE.projectId}/instances/${EXAMPLE.instanceId}/data-dump`;

/** A stand-in token: Prism checks that X-Auth-Token is there, not its value. */
export const TOKEN = "contract-test-token-0123456789";

/** A stand-in access key pair: Prism checks that Authorization is there, not the signature. */
export const KEYS = {
  accessKey: "CONTRACTTESTAKAAAAAA",
  secretKey: "contract-test-secret-key-0123456789abcd",
} as const;

export function cliArgs(action: "open" | "close", endpoint: string): string[] {
  return [
    "data-dump",
    action,
    "--endpoint",
    endpoint,
    "--project-id",
    EXAMPLE.projectId,
    "--instance-id",
    EXAMPLE.instanceId,
    "--bucket",
    EXAMPLE.bucketName,
  ];
}
