// `@geminidb-kit/client/iam`: logging in with a password and finding a region's project id.
// A subpath of its own, so that the main entry stays small for the many who never need it.
export {
  createIamClient,
  IamClient,
  type IamClientOptions,
  type IamToken,
  type PasswordLogin,
  ProjectNotFoundError,
} from "./iam.js";
