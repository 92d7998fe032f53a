import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/errors.js";
import { checkAction, checkBucketName, checkInstanceId, checkProjectId } from "../src/validation.js";

function refusal(check: (value: unknown) => unknown, value: unknown): string {
  try {
    check(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe("project_id", () => {
  it("accepts 32 lowercase hex digits", () => {
    expect(checkProjectId("0549b4a43100d4f32f51c01c2fe4acdb")).toBe("0549b4a43100d4f32f51c01c2fe4acdb");
  });
  it.each(["", "0549B4A43100D4F32F51C01C2FE4ACDB", "0549b4a43100d4f32f51c01c2fe4acd", "../../x", "%2e%2e"])(
    "refuses %j",
    (value) => {
      expect(refusal(checkProjectId, value)).toMatch(/^project_id: /);
    },
  );
});

describe("instance_id", () => {
  it("accepts the documented form", () => {
    expect(checkInstanceId("0a9a2be86bdf493981d17626ad2f8668in13")).toBe("0a9a2be86bdf493981d17626ad2f8668in13");
  });
  it.each([
    "0a9a2be86bdf493981d17626ad2f8668",
    "0a9a2be86bdf493981d17626ad2f8668in13/",
    "0a9a2be86bdf493981d17626ad2f8668in13\u202e",
    "0a9a2be86bdf493981d17626ad2f8668IN13",
    "0a9a2be86bdf493981d17626ad2f8668ab13",
    "0a9a2be86bdf493981d17626ad2f8668in1x",
    ".",
  ])("refuses %j", (value) => {
    expect(refusal(checkInstanceId, value)).toMatch(/^instance_id: must be 32 lowercase hexadecimal digits/);
  });
  it("escapes control characters when quoting the value", () => {
    expect(refusal(checkInstanceId, "a\nb\u001b[31m")).toContain('(got "a\\nb\\u001b[31m")');
  });
});

describe("bucket_name (OBS naming rules)", () => {
  it.each(["influxdb-obs", "abc", "a.b-c.1", "a".repeat(63), "1.2.3"])("accepts %j", (name) => {
    expect(checkBucketName(name)).toBe(name);
  });
  it.each([
    ["", "is required"],
    ["ab", "must be 3 to 63 characters long"],
    ["a".repeat(64), "must be 3 to 63 characters long"],
    ["Influx", "must be lowercase letters, digits, hyphens and periods"],
    ["under_score", "must be lowercase letters, digits, hyphens and periods"],
    ["-abc", "must start and end with a lowercase letter or a digit"],
    ["abc.", "must start and end with a lowercase letter or a digit"],
    ["a..b", 'must not contain "..", ".-" or "-."'],
    ["a.-b", 'must not contain "..", ".-" or "-."'],
    ["a-.b", 'must not contain "..", ".-" or "-."'],
    ["192.168.1.10", "must not be an IP address"],
  ])("refuses %j: %s", (name, problem) => {
    expect(refusal(checkBucketName, name)).toContain(`bucket_name: ${problem}`);
  });
});

describe("action", () => {
  it.each(["open", "close"])("accepts %s", (action) => {
    expect(checkAction(action)).toBe(action);
  });
  it.each(["enable", "OPEN", "", undefined, 1])("refuses %j", (action) => {
    expect(refusal(checkAction, action)).toMatch(/^action: must be "open" or "close"/);
  });
});
