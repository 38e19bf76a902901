// What a connection keeps of each group stream it writes (ws/group-streams.ts drives it).

export interface StreamError {
  name: string;
  message: string;
}

export interface OutboundGroupStream {
  readonly group: string;
  readonly noEcho: boolean;
  /** The next fragment's streamSequenceId. */
  expected: number;
  idleMs: number;
  timer: NodeJS.Timeout | undefined;
  /**
   * Ends the stream for its members: the last group message has `endOfStream` (and the error when
   * it failed). A failure the writer did not ask for is also told to it as `streamClosed`.
   */
  close(error?: StreamError, tellWriter?: boolean): void;
}
