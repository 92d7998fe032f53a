import type { TestProject } from "vitest/node";
import { startPrismMock } from "./support/prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

/** One real Prism mock for the whole run, started from spec/openapi.yaml. */
export default async function setup(project: TestProject) {
  const prism = await startPrismMock();
  project.provide("prismUrl", prism.url);
  return () => prism.stop();
}
