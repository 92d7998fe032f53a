import { describe, expect, it } from "vitest";
import { createIamClient, ProjectNotFoundError } from "../src/iam-entry.js";
import { ApiError, iamEndpointForRegion, ResponseError } from "../src/index.js";
import { scriptedFetch } from "./helpers.js";

const LOGIN = { userName: "operator", password: "pass-SECRET-word", domainName: "example-account" };

describe("createTokenByPassword", () => {
  it("posts the password method scoped to the project, and returns X-Subject-Token and expires_at", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      Response.json(
        { token: { expires_at: "2026-12-04T16:05:09.000000Z", project: { id: "p-id", name: "ap-southeast-1" } } },
        { status: 201, headers: { "x-subject-token": "the-token", "x-request-id": "iam-req" } },
      ),
    );
    const iam = createIamClient({ region: "ap-southeast-1", fetch });
    const token = await iam.createTokenByPassword({ ...LOGIN, projectName: "ap-southeast-1" });

    expect(token).toEqual({
      token: "the-token",
      expiresAt: new Date("2026-12-04T16:05:09Z"),
      projectId: "p-id",
      projectName: "ap-southeast-1",
      requestId: "iam-req",
    });
    const [request] = requests as [Request];
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/tokens");
    expect(request.headers.get("authorization")).toBeNull();
    expect(request.headers.get("x-auth-token")).toBeNull();
    expect(await request.json()).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "operator", password: "pass-SECRET-word", domain: { name: "example-account" } } },
        },
        scope: { project: { name: "ap-southeast-1" } },
      },
    });
  });

  it("reports IAM's own error shape with its code and message", async () => {
    const { fetch } = scriptedFetch(() =>
      Response.json(
        { error: { code: "401", message: "The username or password is wrong.", title: "Unauthorized" } },
        { status: 401 },
      ),
    );
    const error = await createIamClient({ endpoint: "http://127.0.0.1:1", fetch })
      .createTokenByPassword({ ...LOGIN, projectId: "p" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, errorCode: "401", errorMsg: "The username or password is wrong." });
    expect((error as Error).message).not.toContain("SECRET");
  });

  it("refuses an answer without a token", async () => {
    const { fetch } = scriptedFetch(() =>
      Response.json({ token: { expires_at: "2026-12-04T00:00:00Z" } }, { status: 201 }),
    );
    await expect(
      createIamClient({ endpoint: "http://127.0.0.1:1", fetch }).createTokenByPassword({ ...LOGIN, projectId: "p" }),
    ).rejects.toThrow("IAM answered without a token");
  });
});

describe("findProjectId", () => {
  it("asks IAM for the project named after the region, signed with the access key pair", async () => {
    const { fetch, requests } = scriptedFetch(() =>
      Response.json({ projects: [{ id: "0549b4a43100d4f32f51c01c2fe4acdb", name: "cn-north-4" }] }),
    );
    const iam = createIamClient({ region: "cn-north-4", accessKey: "AKAKAKAKAKAKAKAKAKAK", secretKey: "sk", fetch });
    expect(await iam.findProjectId("cn-north-4")).toBe("0549b4a43100d4f32f51c01c2fe4acdb");
    const [request] = requests as [Request];
    expect(request.url).toBe("https://iam.cn-north-4.myhuaweicloud.com/v3/projects?name=cn-north-4");
    expect(request.headers.get("authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AKAKAKAKAKAKAKAKAKAK, /);
  });

  it("says so when no project has the name", async () => {
    const { fetch } = scriptedFetch(() => Response.json({ projects: [] }));
    const iam = createIamClient({ endpoint: "http://127.0.0.1:1", token: "t", fetch });
    await expect(iam.findProjectId("mars-1")).rejects.toThrow(ProjectNotFoundError);
  });
});

describe("answers IAM should not give", () => {
  const login = { ...LOGIN, projectId: "p" };
  it.each([
    [
      "a body that is not JSON",
      () => new Response("<html>", { status: 201, headers: { "x-subject-token": "t" } }),
      "IAM answered with a body that is not JSON",
    ],
    [
      "a token with a space",
      () =>
        Response.json(
          { token: { expires_at: "2099-01-01T00:00:00Z" } },
          { status: 201, headers: { "x-subject-token": "a b" } },
        ),
      "IAM answered with a token that cannot be sent in a header",
    ],
    [
      "no expiry",
      () => Response.json({ token: {} }, { status: 201, headers: { "x-subject-token": "t" } }),
      "IAM answered without a token (X-Subject-Token) or its expiry (token.expires_at)",
    ],
  ])("refuses a login answer with %s", async (_name, answer, message) => {
    const { fetch } = scriptedFetch(answer);
    const error = await createIamClient({ endpoint: "http://127.0.0.1:1", fetch })
      .createTokenByPassword(login)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as Error).message).toBe(message);
  });

  it.each([
    ["projects that are not a list", { projects: "x" }, "IAM answered without a list of projects"],
    [
      "a project id of another form",
      { projects: [{ id: "../../etc", name: "r" }] },
      'IAM answered with a project id of an unexpected form for "r"',
    ],
  ])("refuses %s", async (_name, body, message) => {
    const { fetch } = scriptedFetch(() => Response.json(body));
    const iam = createIamClient({ endpoint: "http://127.0.0.1:1", token: "t", fetch });
    await expect(iam.findProjectId("r")).rejects.toThrow(new ResponseError(message));
  });
});

it("serves IAM of eu-west-101 from myhuaweicloud.eu", () => {
  expect(iamEndpointForRegion("eu-west-101")).toBe("https://iam.eu-west-101.myhuaweicloud.eu");
});
