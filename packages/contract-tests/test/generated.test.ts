import { createClient, ValidationError } from "@geminidb-kit/client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TOKEN } from "./support/example.js";
import { useRecorder } from "./support/recorder.js";
import { REQUEST_SCHEMAS as S } from "./support/spec.js";

// Requests generated from the spec's own schemas (patterns, lengths, enum): every valid one
// passes Prism with no violation; every invalid one is refused by our client before sending,
// and by Prism when sent raw.

const recorder = useRecorder();
const RUNS = 25;

const matching = (pattern: string) => fc.stringMatching(new RegExp(pattern));
// OBS names have rules the spec's pattern does not state (no "..", ".-", "-.", not an IP);
// the client applies them, by design, so spec-valid names that break them are left out.
const obsName = (name: string) => !/\.\.|\.-|-\.|^\d+\.\d+\.\d+\.\d+$/.test(name);
const validBucket = matching(S.bucketName.pattern).filter(
  (name) => name.length >= S.bucketName.minLength && name.length <= S.bucketName.maxLength && obsName(name),
);
const valid = fc.record({
  projectId: matching(S.projectId.pattern),
  instanceId: matching(S.instanceId.pattern),
  bucketName: validBucket,
  action: fc.constantFrom(...(S.action.enum as ("open" | "close")[])),
});

const not = (pattern: string, arbitrary: fc.Arbitrary<string>) =>
  arbitrary.filter((value) => !new RegExp(pattern).test(value));
const word = fc.stringMatching(/^[0-9A-Za-z_-]{1,70}$/);
// Near misses of the id formats: one hex digit short or long, uppercase, a wrong suffix.
const nearProject = fc.oneof(matching("^[0-9a-f]{31}$"), matching("^[0-9a-f]{33}$"), matching("^[0-9A-F]{32}$"));
const nearInstance = fc.oneof(
  matching("^[0-9a-f]{31}in[0-9]{2}$"),
  matching("^[0-9a-f]{32}in[0-9]{3}$"),
  matching("^[0-9a-f]{32}IN[0-9]{2}$"),
  matching("^[0-9a-f]{32}no[0-9]{2}$"),
);
/** One field made invalid at a time, the rest valid. */
const invalid = fc.oneof(
  fc.record({ field: fc.constant("projectId"), value: not(S.projectId.pattern, fc.oneof(word, nearProject)) }),
  fc.record({ field: fc.constant("instanceId"), value: not(S.instanceId.pattern, fc.oneof(word, nearInstance)) }),
  fc.record({
    field: fc.constant("bucketName"),
    value: fc.oneof(
      not(S.bucketName.pattern, fc.string({ minLength: 3, maxLength: 63 })),
      matching("^[a-z0-9]{1,2}$"),
      matching("^[a-z0-9]{64,80}$"),
    ),
  }),
  fc.record({ field: fc.constant("action"), value: fc.string().filter((value) => !S.action.enum.includes(value)) }),
);
const base = {
  projectId: "0549b4a43100d4f32f51c01c2fe4acdb",
  instanceId: "0a9a2be86bdf493981d17626ad2f8668in13",
  bucketName: "influxdb-obs",
  action: "open",
};

describe("requests generated from the spec's schemas", () => {
  it("every valid one passes Prism with no violation", async () => {
    await fc.assert(
      fc.asyncProperty(valid, async (params) => {
        recorder.exchanges.length = 0;
        const client = createClient({ endpoint: recorder.url, token: TOKEN, maxAttempts: 1 });
        await client.setInstanceDataDump(params);
        expect(recorder.exchanges).toHaveLength(1);
        expect(recorder.exchanges[0]?.violations).toEqual([]);
        expect(recorder.exchanges[0]?.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
  });

  it("every invalid one is refused by our client before sending, and by Prism when sent raw", async () => {
    await fc.assert(
      fc.asyncProperty(invalid, async ({ field, value }) => {
        const params = { ...base, [field]: value };
        recorder.exchanges.length = 0;
        const client = createClient({ endpoint: recorder.url, token: TOKEN, maxAttempts: 1 });
        await expect(
          client.setInstanceDataDump(params as Parameters<typeof client.setInstanceDataDump>[0]),
        ).rejects.toThrow(ValidationError);
        expect(recorder.exchanges).toHaveLength(0);

        const path = `/v3/${encodeURIComponent(params.projectId)}/instances/${encodeURIComponent(params.instanceId)}/data-dump`;
        await fetch(`${recorder.url}${path}`, {
          method: "PUT",
          headers: { "content-type": "application/json", "x-auth-token": TOKEN },
          body: JSON.stringify({ bucket_name: params.bucketName, action: params.action }),
        });
        expect(recorder.exchanges).toHaveLength(1);
        // Prism names the violation, at the very field that was made invalid.
        const where = {
          projectId: "project_id",
          instanceId: "instance_id",
          bucketName: "bucket_name",
          action: "action",
        }[field];
        const locations = (recorder.exchanges[0]?.violations ?? []).map((v) => (v.location ?? []).join("."));
        expect(
          locations.some((location) => location.endsWith(`.${where}`)),
          JSON.stringify(recorder.exchanges[0]),
        ).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
