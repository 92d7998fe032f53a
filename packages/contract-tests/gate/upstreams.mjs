// Local upstreams for the contract gate: one that behaves as the documented service, and
// variants that break the contract in one way each. `node upstreams.mjs KIND` serves one
// on a free loopback port and prints its URL.
import { createServer } from "node:http";

const json = (status, body) => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** What each upstream answers to a data-dump request. */
export const UPSTREAMS = {
  // As documented: 200, empty body, a request id.
  good: () => ({ status: 200, headers: { "x-request-id": "5e6b8f8a4c1b4d0f9a2e3c7d1b0a9f8e" }, body: "" }),
  // A JSON body on the no-content 200 (Prism's proxy lets it through).
  "json-200": () => json(200, { job_id: "12345" }),
  // 204 where the spec says 200.
  204: () => ({ status: 204, headers: {}, body: "" }),
  // A status the spec does not declare.
  "undeclared-status": () => json(409, { error_code: "DBS.000000", error_msg: "conflict" }),
  // An error without its error_code.
  "error-without-code": () => json(404, { error_msg: "The instance does not exist." }),
  // The API gateway refusing the credentials: conforming, but nothing was opened or closed.
  "gateway-401": () => json(401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" }),
  // An empty 200 labelled JSON: conforming (the label says nothing), though Prism trips on it.
  "empty-json-200": () => ({ status: 200, headers: { "content-type": "application/json" }, body: "" }),
  // Never answers.
  hang: () => undefined,
  // Not implemented (Prism's proxy replaces a 501 with a mock answer).
  501: () => json(501, { error_code: "APIGW.0101", error_msg: "not implemented" }),
  // A redirect (Prism's proxy follows it).
  redirect: () => ({ status: 307, headers: { location: "/elsewhere" }, body: "" }),
};

export async function startUpstream(kind) {
  const answer = UPSTREAMS[kind];
  if (!answer) throw new Error(`unknown upstream ${kind}: ${Object.keys(UPSTREAMS).join(", ")}`);
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      const answered = answer();
      if (!answered) return;
      const { status, headers, body } = answered;
      res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(body)) }).end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

if (process.argv[1]?.endsWith("upstreams.mjs")) {
  const upstream = await startUpstream(process.argv[2] ?? "good");
  console.log(upstream.url);
}
