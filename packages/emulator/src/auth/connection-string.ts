// Builds the connection string the SDKs and the Functions extension read.

export function formatConnectionString(endpoint: string, accessKey: string): string {
  return `Endpoint=${endpoint};AccessKey=${accessKey};Version=1.0;`;
}
