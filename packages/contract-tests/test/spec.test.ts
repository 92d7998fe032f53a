import { endpointForRegion } from "@geminidb-kit/client";
import { REGIONS } from "@geminidb-kit/client/regions";
import { expect, it } from "vitest";
import { DOCUMENTED_ERRORS, SERVER_URLS } from "./support/spec.js";

it("documents at least the error statuses 400, 401, 403, 404 and 500", () => {
  expect(DOCUMENTED_ERRORS.map((e) => e.status)).toEqual(expect.arrayContaining([400, 401, 403, 404, 500]));
});

it("lists the same regional endpoints as the client", () => {
  expect([...SERVER_URLS].sort()).toEqual(REGIONS.map(endpointForRegion).sort());
});
