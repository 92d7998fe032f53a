import { IAM_SPEC, SPEC, startPrismMock } from "@geminidb-kit/test-support";
import type { TestProject } from "vitest/node";
import { coverageLine, resetCoverage } from "./support/coverage.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    iamPrismUrl: string;
  }
}

/** Real Prism mocks for the whole run: GeminiDB from spec/openapi.yaml, IAM from spec/iam.yaml. */
export default async function setup(project: TestProject) {
  resetCoverage();
  const [prism, iam] = await Promise.all([startPrismMock(SPEC), startPrismMock(IAM_SPEC)]);
  project.provide("prismUrl", prism.url);
  project.provide("iamPrismUrl", iam.url);
  return async () => {
    await Promise.all([prism.stop(), iam.stop()]);
    console.log(coverageLine());
  };
}
