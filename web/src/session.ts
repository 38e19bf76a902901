// Who the user is and the state of the connection: types shared by the model and the modules that
// talk to the browser and the network, kept free of the DOM so that the model and the logic built
// on it compile, and are unit-tested, without a browser.

export interface Identity {
  userId: string;
  name: string;
  roles: string[];
  guest: boolean;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export const isAdmin = (identity: Identity) => identity.roles.includes('admin');
