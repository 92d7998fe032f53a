import { ConfigError } from "./errors.js";
import { quote } from "./validation.js";

/** The regions the official Huawei Cloud SDKs know for GeminiDB (service gaussdbfornosql). */
export const REGIONS = [
  "af-south-1",
  "cn-north-4",
  "cn-north-1",
  "cn-east-2",
  "cn-east-3",
  "cn-south-1",
  "cn-southwest-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "me-east-1",
  "cn-east-4",
  "cn-south-4",
  "cn-southwest-3",
  "tr-west-1",
  "ru-northwest-2",
  "cn-south-2",
  "cn-north-2",
  "la-north-2",
  "sa-brazil-1",
  "la-south-2",
  "cn-north-9",
  "eu-west-101",
  "cn-north-11",
  "ru-moscow-1",
] as const;

export type Region = (typeof REGIONS)[number];

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

/** The GeminiDB endpoint of a region; eu-west-101 is the one region served from `.eu`. */
export function endpointForRegion(region: string): string {
  return serviceEndpoint("gaussdb-nosql", region);
}

/** The IAM endpoint of a region. */
export function iamEndpointForRegion(region: string): string {
  return serviceEndpoint("iam", region);
}

// Any well-formed region name is accepted, so that a region opened after this release
// works too; the list above (`@geminidb-kit/client/regions`) is for suggestions.
const REGION_NAME = /^[a-z]{2}-[a-z]+-\d{1,3}$/;

function serviceEndpoint(service: string, region: string): string {
  if (!REGION_NAME.test(region)) {
    throw new ConfigError(
      `${quote(region)} is not a region name like ap-southeast-1 (or give an endpoint URL instead)`,
      "region",
    );
  }
  const domain = region === "eu-west-101" ? "myhuaweicloud.eu" : "myhuaweicloud.com";
  return `https://${service}.${region}.${domain}`;
}
