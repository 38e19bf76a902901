// Azure management errors the postdeploy hook must explain rather than retry: missing permissions,
// no sign-in, missing resources. Anything else (5xx, the host still starting) is worth a retry.

export type AzureErrorKind = 'forbidden' | 'unauthenticated' | 'not-found' | 'transient';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  name?: string;
  message?: string;
}

export function azureErrorKind(err: unknown): AzureErrorKind {
  const e = (err ?? {}) as RestErrorLike;
  if (e.statusCode === 403 || e.code === 'AuthorizationFailed') return 'forbidden';
  if (
    e.statusCode === 401 ||
    e.name === 'CredentialUnavailableError' ||
    e.name === 'AuthenticationRequiredError'
  ) {
    return 'unauthenticated';
  }
  if (e.code === 'ResourceNotFound' || e.code === 'ResourceGroupNotFound') return 'not-found';
  return 'transient';
}

/** An error a person can act on: what failed, why, and what to do. */
export class HookError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HookError';
  }
}

export function explain(err: unknown, action: string, permission: string): HookError {
  const detail = (err as RestErrorLike)?.message ?? String(err);
  switch (azureErrorKind(err)) {
    case 'forbidden':
      return new HookError(
        `Not allowed to ${action}: the signed-in identity lacks ${permission}. ` +
          'Grant it Contributor (or Website Contributor and Web PubSub Contributor) on the resource group, then run `azd hooks run postdeploy`.',
        { cause: err },
      );
    case 'unauthenticated':
      return new HookError(
        `Cannot ${action}: no Azure sign-in. Run \`azd auth login\` (or \`az login\`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET).`,
        { cause: err },
      );
    case 'not-found':
      return new HookError(`Cannot ${action}: ${detail}. Run \`azd provision\` first.`, {
        cause: err,
      });
    default:
      return new HookError(`Failed to ${action}: ${detail}`, { cause: err });
  }
}
