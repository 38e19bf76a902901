// The action forms: send to all / a group / a user / a connection, change a connection's groups,
// close a connection with a reason, mint a client access URL and copy it.
import { call } from './api.js';
import { $, list, say } from './dom.js';
import { run } from './refresh.js';
import { actionHub } from './store.js';

/** Submits `form` with `act(fields, submitter)`, whose result `run` reports. */
function onSubmit(id, act, done) {
  $(id).addEventListener('submit', (e) => {
    e.preventDefault();
    const fields = new FormData(e.target);
    void run(() => act(fields, e.submitter), done(fields, e.submitter));
  });
}

export function wireActions() {
  onSubmit(
    'send-form',
    (f) =>
      call('send', 'POST', {
        hub: actionHub(),
        to: f.get('to'),
        ...(f.get('to') === 'all' ? {} : { name: f.get('name') }),
        data: f.get('data'),
        dataType: f.get('dataType'),
      }),
    () => 'Sent.',
  );
  onSubmit(
    'group-form',
    (f, submitter) =>
      call('group', 'POST', {
        hub: actionHub(),
        connectionId: f.get('connectionId'),
        group: f.get('group'),
        op: submitter?.value ?? 'add',
      }),
    (_f, submitter) =>
      (submitter?.value ?? 'add') === 'add' ? 'Added to the group.' : 'Removed from the group.',
  );
  onSubmit(
    'close-form',
    (f) =>
      call('close', 'POST', {
        hub: actionHub(),
        connectionId: f.get('connectionId'),
        reason: f.get('reason'),
      }),
    () => 'Connection closed.',
  );
  onSubmit(
    'url-form',
    async (f) => {
      const { url } = await call('client-url', 'POST', {
        hub: actionHub(),
        ...(f.get('userId') ? { userId: f.get('userId') } : {}),
        roles: list(f.get('roles')),
        groups: list(f.get('groups')),
      });
      $('client-url').value = url;
    },
    () => 'Client access URL minted (valid 60 min).',
  );
  $('copy-url').addEventListener('click', copyUrl);
}

function copyUrl() {
  const field = $('client-url');
  if (!field.value) return;
  navigator.clipboard.writeText(field.value).then(
    () => say('Copied.'),
    () => {
      // No clipboard (an insecure context, or permission refused): select it for Ctrl+C.
      field.select();
      say('Selected: press Ctrl+C to copy.');
    },
  );
}
