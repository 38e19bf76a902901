// The web client's entry: find out who the user is through negotiate, then show the chat (or the
// sign-in page), with one connection that recovers by itself.
import { ChatController } from './chat-controller';
import { ChatConnection } from './connection';
import type { Negotiated, SignInMode } from './identity';
import {
  isAdmin,
  negotiate,
  NegotiateError,
  savedMode,
  saveMode,
  signedIn,
  signOutUrl,
} from './identity';
import { ChatModel } from './model';
import { loadRooms } from './saved-rooms';
import { appView } from './ui/app-view';
import { byId } from './ui/dom';
import { signInView } from './ui/sign-in-view';
import { statusView } from './ui/status-view';
import { toastsView } from './ui/toasts-view';

const root = byId('app');
root.classList.remove('boot');

async function boot(): Promise<void> {
  const mode = savedMode();
  root.setAttribute('aria-busy', 'true');
  try {
    if (mode === 'user' && (await signedIn()) === false) {
      showSignIn();
      return;
    }
    start(await negotiate(mode), mode);
  } catch (err) {
    const e = err instanceof NegotiateError ? err : new NegotiateError('Unavailable', String(err));
    if (mode === 'guest') saveMode('user');
    showSignIn(e.code === 'Unauthenticated' ? undefined : e.message);
  } finally {
    root.removeAttribute('aria-busy');
  }
}

function showSignIn(problem?: string): void {
  document.title = 'Sign in · Realtime chat';
  root.replaceChildren(
    signInView({
      ...(problem ? { problem } : {}),
      onGuest: () => {
        saveMode('guest');
        void boot();
      },
    }),
  );
}

function start(first: Negotiated, mode: SignInMode): void {
  document.title = 'Realtime chat';
  const model = new ChatModel(first.identity);
  const status = statusView();
  const toasts = toastsView();
  let firstUrl: string | undefined = first.url;
  const clientAccessUrl = async () => {
    if (firstUrl) {
      const url = firstUrl;
      firstUrl = undefined;
      return url;
    }
    const again = await negotiate(mode);
    if (again.identity.userId !== model.identity.userId) model.setIdentity(again.identity);
    return again.url;
  };
  const connection: ChatConnection = new ChatConnection(
    clientAccessUrl,
    {
      state(state, detail) {
        status.set(state, detail);
        chat.onState(state);
      },
      connected: () => chat.onConnected(),
      data: (data) => chat.onData(data),
      typing: (group, userId, frame) => chat.typing.frame(group, userId, frame),
      fatal() {
        connection.close();
        void boot();
      },
    },
    (err) => err instanceof NegotiateError && err.code !== 'Unavailable',
  );
  const chat = new ChatController(model, connection, (toast) => {
    // News of the conversation being read is no news.
    if (!toast.conversation || toast.conversation !== model.selected?.key) toasts.show(toast);
  });
  model.on('selected', (c) => {
    if (c) toasts.clearConversation(c.key);
  });
  for (const room of loadRooms()) model.ensureRoom(room);
  // Admins may post to everyone (PROTOCOL.md §2 `to: { all: true }`): their announcements thread is
  // there from the start; everyone else's appears with the first announcement.
  if (isAdmin(first.identity)) model.ensureEveryone();
  root.replaceChildren(
    appView(model, chat, {
      status: status.el,
      toasts: toasts.el,
      onSignOut() {
        connection.close();
        if (mode === 'guest') {
          saveMode('user');
          void boot();
        } else location.assign(signOutUrl());
      },
    }),
  );
  connection.start();
}

void boot();
