import { describe, expect, it } from "vitest";
import { hintFor } from "../src/hints.js";

// Every error code of the facts file has a hint that says what to do.
const DOCUMENTED_CODES = [
  "DBS.200001",
  "DBS.200002",
  "DBS.200010",
  "DBS.200011",
  "DBS.201000",
  "DBS.200019",
  "DBS.201015",
  "DBS.200604",
  "DBS.200998",
  "DBS.280001",
  "DBS.280005",
  "DBS.280032",
  "DBS.280056",
  "APIGW.0301",
];

describe("hints", () => {
  it.each(DOCUMENTED_CODES)("%s has one", (code) => {
    expect(hintFor(code)).toMatch(/\w+/);
  });

  it("says to retry later when another operation is in progress", () => {
    expect(hintFor("DBS.200019")).toBe("another operation is in progress on the instance: retry later");
  });

  it("has none for an unknown code, or a name inherited from Object", () => {
    expect(hintFor("DBS.999999")).toBeUndefined();
    expect(hintFor("constructor")).toBeUndefined();
    expect(hintFor(undefined)).toBeUndefined();
  });
});
