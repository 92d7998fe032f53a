// `@geminidb-kit/client/regions`: the regions the official SDKs know for GeminiDB, for
// completion and "did you mean" (the main entry accepts any well-formed region name).
export { isRegion, REGIONS, type Region } from "./regions.js";
