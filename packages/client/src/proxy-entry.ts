// `@geminidb-kit/client/proxy`: a fetch that honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY,
// which Node's own fetch ignores. Pass it as the `fetch` option. Opt-in, hence a subpath.
export { fetchWithProxyFromEnv, type ProxyEnv, proxyFor } from "./proxy.js";
