import { readFileSync } from "node:fs";
import { SPEC } from "@geminidb-kit/test-support";
import { parse } from "yaml";

interface ErrorExample {
  status: number;
  errorCode: string;
  errorMsg: string;
}

type Node = Record<string, unknown>;

const spec = parse(readFileSync(SPEC, "utf8")) as Node;

function resolve(node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  return ref
    .slice(2)
    .split("/")
    .reduce<Node>((at, key) => at[key] as Node, spec);
}

const operation = ((spec.paths as Node)["/v3/{project_id}/instances/{instance_id}/data-dump"] as Node).put as Node;

/**
 * Every error status SetInstanceDataDump declares, with the first example body the
 * mock will answer with: read from the spec, so a status added there is tested here.
 */
export const DOCUMENTED_ERRORS: ErrorExample[] = Object.entries(operation.responses as Node)
  .filter(([status]) => Number(status) >= 400)
  .map(([status, response]) => {
    const content = (resolve(response as Node).content as Node)["application/json"] as Node;
    const first = Object.values(content.examples as Node)[0] as Node;
    const value = first.value as Node;
    return { status: Number(status), errorCode: value.error_code as string, errorMsg: value.error_msg as string };
  });

/** Every example of every documented error (a status may have several codes). */
export const ERROR_EXAMPLES: (ErrorExample & { example: string })[] = Object.entries(operation.responses as Node)
  .filter(([status]) => Number(status) >= 400)
  .flatMap(([status, response]) => {
    const content = (resolve(response as Node).content as Node)["application/json"] as Node;
    return Object.entries(content.examples as Node).map(([example, node]) => {
      const value = (node as Node).value as Node;
      return {
        status: Number(status),
        example,
        errorCode: value.error_code as string,
        errorMsg: value.error_msg as string,
      };
    });
  });

/** The X-Request-Id example the mock sends back. */
export const REQUEST_ID_EXAMPLE = (resolve({ $ref: "#/components/headers/XRequestId" }) as Node).example as string;

/** Every concrete server URL of the spec: each template expanded over its region enum. */
export const SERVER_URLS: string[] = (spec.servers as Node[]).flatMap((server) => {
  const url = server.url as string;
  const region = (server.variables as Node | undefined)?.region as Node | undefined;
  return region ? (region.enum as string[]).map((r) => url.replace("{region}", r)) : [url];
});

const components = spec.components as Node;
const body = ((components.schemas as Node).DataDumpRequest as Node).properties as Node;
const parameter = (name: string) => ((components.parameters as Node)[name] as Node).schema as Node;

/** The schemas of what a SetInstanceDataDump request carries, as the spec states them. */
export const REQUEST_SCHEMAS = {
  projectId: { pattern: parameter("ProjectId").pattern as string },
  instanceId: { pattern: parameter("InstanceId").pattern as string },
  bucketName: {
    pattern: (body.bucket_name as Node).pattern as string,
    minLength: (body.bucket_name as Node).minLength as number,
    maxLength: (body.bucket_name as Node).maxLength as number,
  },
  action: { enum: (body.action as Node).enum as string[] },
};
