// One SetInstanceDataDump call with the official Huawei Cloud Node.js SDK, as its docs show:
// the baseline of "one request as a process". Usage: node official-open.cjs ENDPOINT
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core");
const gaussdb = require("@huaweicloud/huaweicloud-sdk-gaussdbfornosql");

const [endpoint] = process.argv.slice(2);
const credentials = new BasicCredentials()
  .withAk(process.env.HUAWEICLOUD_SDK_AK)
  .withSk(process.env.HUAWEICLOUD_SDK_SK)
  .withProjectId(process.env.HUAWEICLOUD_SDK_PROJECT_ID);
const client = gaussdb.GaussDBforNoSQLClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();
const request = new gaussdb.SetInstanceDataDumpRequest()
  .withInstanceId(process.env.INSTANCE_ID)
  .withBody(new gaussdb.SetInstanceDataDumpRequestBody().withBucketName("influxdb-obs").withAction("open"));
client.setInstanceDataDump(request).then(
  () => {},
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
