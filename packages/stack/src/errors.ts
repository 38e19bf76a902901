// Stack errors are data: a stable STACK_ERR_* code and a message a person can act on.
export type StackErrorCode =
  | 'STACK_ERR_USAGE'
  | 'STACK_ERR_PORT_IN_USE'
  | 'STACK_ERR_NO_FUNCTIONS'
  | 'STACK_ERR_BUILD_FAILED'
  | 'STACK_ERR_MISSING_TOOL'
  | 'STACK_ERR_CONFIG'
  | 'STACK_ERR_CHILD_EXITED'
  | 'STACK_ERR_NOT_READY';

export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    readonly code: StackErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string) =>
  new StackError('STACK_ERR_USAGE', `${message}\nRun with --help for the options.`);

export const portsUnavailable = (
  busy: readonly { port: number; what: string; flag: string; problem: string }[],
) =>
  new StackError(
    'STACK_ERR_PORT_IN_USE',
    [
      busy.length === 1
        ? 'A port the stack needs is not free:'
        : 'Ports the stack needs are not free:',
      ...busy.map((b) => `  ${b.port} (${b.what}) ${b.problem}: choose another with ${b.flag}`),
      'Stop whatever uses them, or move the stack with the options named.',
    ].join('\n'),
  );

export const configError = (message: string) => new StackError('STACK_ERR_CONFIG', message);

export const funcNotFound = () =>
  new StackError(
    'STACK_ERR_MISSING_TOOL',
    [
      "Azure Functions Core Tools' `func` is not on PATH.",
      'Install it (https://learn.microsoft.com/azure/azure-functions/functions-run-local), e.g.',
      '  npm install --global azure-functions-core-tools@4',
      'or use `npm start`, which runs the same app on the offline host and needs nothing else.',
    ].join('\n'),
  );

export const childExited = (name: string, how: string, lastLines: readonly string[]) =>
  new StackError(
    'STACK_ERR_CHILD_EXITED',
    `${name} ${how}.` +
      (lastLines.length
        ? ` Its last output:\n${lastLines.map((l) => `  | ${l}`).join('\n')}`
        : ' It printed nothing.'),
  );

export const notReady = (name: string, waitingFor: string, timeoutMs: number) =>
  new StackError(
    'STACK_ERR_NOT_READY',
    `${name} was not ready after ${timeoutMs / 1000} s (waiting for ${waitingFor}); stopping.`,
  );

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export const noFunctions = (appRoot: string, main: string | undefined) =>
  new StackError(
    'STACK_ERR_NO_FUNCTIONS',
    main
      ? `${appRoot} registers no functions: its package.json main '${main}' loaded none. Build the app first (\`npm run build\`, or start the stack with --build).`
      : `${appRoot} registers no functions: its package.json has no "main" naming the function files (e.g. "dist/functions/*.js").`,
  );

export const buildFailed = (code: number | null) =>
  new StackError(
    'STACK_ERR_BUILD_FAILED',
    `The app's build script failed (exit code ${code ?? 'unknown'}): fix what it printed above.`,
  );
