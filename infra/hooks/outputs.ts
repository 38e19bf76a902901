// The deployment outputs the postdeploy hook and the smoke test read: from the environment (azd
// exports its env values to hooks) or from `az deployment sub show --query properties.outputs`.
import { readFileSync } from 'node:fs';

/** main.bicep outputs these scripts read (the infra check verifies main.bicep declares them). */
export const DEPLOYMENT_OUTPUTS = [
  'AZURE_SUBSCRIPTION_ID',
  'AZURE_RESOURCE_GROUP',
  'AZURE_FUNCTION_APP_NAME',
  'FUNCTION_APP_HOSTNAME',
  'FUNCTION_APP_URL',
  'WEBPUBSUB_NAME',
  'WEBPUBSUB_HUB',
  'AZURE_MANAGED_IDENTITY_PRINCIPAL_ID',
] as const;

export type OutputName = (typeof DEPLOYMENT_OUTPUTS)[number];
export type DeploymentOutputs = Record<OutputName, string>;

/** ARM's outputs shape: `{ NAME: { type, value } }`. */
type ArmOutputs = Record<string, { value?: unknown } | undefined>;

export function readDeploymentOutputs(
  env: NodeJS.ProcessEnv,
  outputsFile?: string,
): DeploymentOutputs {
  const fromFile: ArmOutputs = outputsFile
    ? (JSON.parse(readFileSync(outputsFile, 'utf8')) as ArmOutputs)
    : {};
  const missing: string[] = [];
  const values = {} as DeploymentOutputs;
  for (const name of DEPLOYMENT_OUTPUTS) {
    const value = fromFile[name]?.value ?? env[name];
    if (typeof value === 'string' && value !== '') values[name] = value;
    else missing.push(name);
  }
  if (missing.length > 0) {
    throw new Error(
      `Missing deployment outputs: ${missing.join(', ')}. Run under azd (azd up / azd hooks run postdeploy), ` +
        'or pass --outputs <file> with `az deployment sub show -n <name> --query properties.outputs`.',
    );
  }
  return values;
}
