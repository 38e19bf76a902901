// What a connection keeps of each group stream it writes (ws/group-streams.ts drives it).

export interface StreamError {
  name: string;
  message: string;
  /** Only with `UserError`: the code the writer gave when it aborted. */
  userErrorCode?: string;
}

export interface OutboundGroupStream {
  readonly group: string;
  readonly noEcho: boolean;
  /** The next fragment's streamSequenceId. */
  expected: number;
  idleMs: number;
  timer: NodeJS.Timeout | undefined;
  /**
   * Ends the stream: members get a last group message with `endOfStream` (and `error` when it
   * failed); the writer gets `streamClosed` with `writerError` (default: the same error; `null`:
   * none, as after its own end or abort).
   */
  close(error?: StreamError, writerError?: StreamError | null): void;
}
