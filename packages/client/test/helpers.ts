/** A fetch stand-in that records each Request and answers from a script. */
export function scriptedFetch(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    return answer(request);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const EXAMPLE = {
  projectId: "0549b4a43100d4f32f51c01c2fe4acdb",
  instanceId: "0a9a2be86bdf493981d17626ad2f8668in13",
  bucketName: "influxdb-obs",
} as const;

export const TOKEN = "unit-test-token-value";
