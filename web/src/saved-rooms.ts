// The rooms a user has joined, kept in this browser so a reload joins them again.
const KEY = 'chat.rooms';
const DEFAULT_ROOMS = ['lobby'];

export function loadRooms(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (Array.isArray(parsed) && parsed.every((r) => typeof r === 'string')) return parsed;
  } catch {
    // A damaged entry is as good as none.
  }
  return DEFAULT_ROOMS;
}

export function saveRooms(rooms: string[]): void {
  localStorage.setItem(KEY, JSON.stringify(rooms));
}
