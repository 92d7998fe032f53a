import { describe, expect, it } from "vitest";
import { endpointForRegion, REGIONS } from "../src/index.js";

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

  it("names the known regions when a region is unknown", () => {
    expect(() => endpointForRegion("eu-west-1")).toThrow(
      /^unknown region "eu-west-1"; known regions: af-south-1, ap-southeast-1, .*ru-northwest-2, sa-brazil-1, tr-west-1 \(or give an endpoint URL instead\)$/,
    );
  });
});
