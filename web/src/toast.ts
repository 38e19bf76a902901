// A short notice for the user: server notifications, errors, and news from other conversations.
export type ToastLevel = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  title: string;
  body?: string;
  level: ToastLevel;
  /** The conversation it announces (a model key): opening it clears the toast. */
  conversation?: string;
}

export type Notify = (toast: Toast) => void;
