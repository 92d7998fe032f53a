import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createClient, GeminiDBError, ValidationError } from "../src/index.js";
import { checkBucketName, checkInstanceId, checkProjectId } from "../src/validation.js";
import { scriptedFetch } from "./helpers.js";

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));
const validProjectId = hex(32);
const validInstanceId = fc
  .tuple(hex(32), fc.integer({ min: 0, max: 99 }))
  .map(([id, n]) => `${id}in${String(n).padStart(2, "0")}`);
// OBS names: letters/digits at both ends, single separators between, 3 to 63 characters.
const validBucket = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 })
  .chain((parts) =>
    fc.tuple(
      fc.constant(parts),
      fc.array(fc.constantFrom(".", "-"), { minLength: parts.length, maxLength: parts.length }),
    ),
  )
  .map(([parts, separators]) => parts.map((part, i) => (i === 0 ? part : `${separators[i]}${part}`)).join(""))
  .filter((name) => name.length >= 3 && name.length <= 63 && !/^\d+\.\d+\.\d+\.\d+$/.test(name));
const anything = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.anything(),
);

describe("validators, on thousands of random inputs", () => {
  it("accept every valid value", () => {
    fc.assert(
      fc.property(validProjectId, validInstanceId, validBucket, (projectId, instanceId, bucket) => {
        expect(checkProjectId(projectId)).toBe(projectId);
        expect(checkInstanceId(instanceId)).toBe(instanceId);
        expect(checkBucketName(bucket)).toBe(bucket);
      }),
      { numRuns: 2000 },
    );
  });

  it("never crash: any input is accepted or refused with a ValidationError", () => {
    fc.assert(
      fc.property(anything, (value) => {
        for (const check of [checkProjectId, checkInstanceId, checkBucketName]) {
          try {
            check(value);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the path on the wire, on thousands of random ids", () => {
  it("is sent only for valid ids, and then carries no unencoded reserved character", async () => {
    const { fetch, requests } = scriptedFetch(() => new Response(null, { status: 200 }));
    const client = createClient({ token: "t", endpoint: "http://127.0.0.1:1", fetch, maxAttempts: 1 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(validProjectId, fc.string({ unit: "grapheme", maxLength: 40 })),
        fc.oneof(validInstanceId, fc.string({ unit: "grapheme", maxLength: 40 })),
        async (projectId, instanceId) => {
          requests.length = 0;
          try {
            await client.openDataDump({ projectId, instanceId, bucketName: "influxdb-obs" });
          } catch (error) {
            expect(error).toBeInstanceOf(GeminiDBError);
            expect(error).toBeInstanceOf(ValidationError);
            expect(requests).toHaveLength(0);
            return;
          }
          expect(requests).toHaveLength(1);
          const path = new URL(requests[0]?.url ?? "").pathname;
          expect(path).toBe(`/v3/${projectId}/instances/${instanceId}/data-dump`);
          expect(path.split("/")).toHaveLength(6);
          expect(path).not.toMatch(/[?#\s]|\.\./);
        },
      ),
      { numRuns: 2000 },
    );
  }, 120_000);
});
