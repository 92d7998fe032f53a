/**
 * What to do about each GeminiDB (and API gateway) error code of the facts file, in a
 * user's words. Shown under an API error by the CLI.
 */
const HINTS: Record<string, string> = {
  "DBS.200001": "a parameter was refused: check --instance-id and --bucket",
  "DBS.280001": "a parameter was refused: check --instance-id and --bucket",
  "DBS.200002": "no such instance in this project and region: check --instance-id, the project id and the region",
  "DBS.200010": "authentication failed: check the credentials (see Credentials in --help)",
  "DBS.200011": "the instance's status does not allow this now: wait until it is available, then retry",
  "DBS.201000": "the instance's status does not allow this now: wait until it is available, then retry",
  "DBS.200019": "another operation is in progress on the instance: retry later",
  "DBS.201015": "another operation is in progress on the instance: retry later",
  "DBS.200604": "the instance does not belong to this account or project: check the project id and the credentials",
  "DBS.200998": "the service is busy: retry later",
  "DBS.280005": "the service failed: retry later, and quote the request id to support if it persists",
  "DBS.280032": "permission denied: the IAM user needs gaussdbfornosql:instance:operateDataDump",
  "DBS.280056": "the token is not valid: get a new one (geminidb auth login) or use an access key pair",
  "APIGW.0301": "the credentials were refused: check the access key pair or the token, and this machine's clock",
};

export function hintFor(errorCode: string | undefined): string | undefined {
  return errorCode !== undefined && Object.hasOwn(HINTS, errorCode) ? HINTS[errorCode] : undefined;
}
