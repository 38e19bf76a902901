// What a refusal is called in a toast, by the protocol's error code (PROTOCOL.md §2).
export function errorTitle(code: string): string {
  switch (code) {
    case 'Forbidden':
      return 'Not allowed';
    case 'RateLimited':
      return 'Slow down';
    case 'TooLarge':
      return 'Message too large';
    case 'NoSuchMessage':
      return 'No such message';
    case 'Gone':
      return 'That message was deleted';
    default:
      return 'Not accepted';
  }
}
