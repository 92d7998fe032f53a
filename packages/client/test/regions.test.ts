import { describe, expect, it } from "vitest";
import { endpointForRegion } from "../src/index.js";
import { isRegion, REGIONS } from "../src/regions-entry.js";

describe("regions", () => {
  it("knows the 27 regions of the official SDKs", () => {
    expect(REGIONS).toHaveLength(27);
    expect(new Set(REGIONS).size).toBe(27);
  });

  it("serves eu-west-101 from myhuaweicloud.eu", () => {
    expect(endpointForRegion("eu-west-101")).toBe("https://gaussdb-nosql.eu-west-101.myhuaweicloud.eu");
  });

  it.each(REGIONS.filter((r) => r !== "eu-west-101"))("serves %s from myhuaweicloud.com", (region) => {
    expect(endpointForRegion(region)).toBe(`https://gaussdb-nosql.${region}.myhuaweicloud.com`);
  });

  it("takes a well-formed region it does not know (a region opened after this release)", () => {
    expect(isRegion("eu-west-1")).toBe(false);
    expect(endpointForRegion("eu-west-1")).toBe("https://gaussdb-nosql.eu-west-1.myhuaweicloud.com");
  });

  it.each(["", "EU-WEST-1", "eu west 1", "eu-west-1.evil.com/", "eu-west-1#", "a-b-1"])(
    "refuses %j, which is not a region name (nothing else can reach the host name)",
    (region) => {
      expect(() => endpointForRegion(region)).toThrow(/is not a region name like ap-southeast-1/);
    },
  );
});
