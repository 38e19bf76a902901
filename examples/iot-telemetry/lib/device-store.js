// Where device presence is kept: an Azure Table (`devices`) in the app's own storage account
// (`AzureWebJobsStorage`; Azurite locally), so every instance of the app sees the same state.
// Offline updates are conditional on the entity's ETag: a `connected` written in between wins.
const { TableClient } = require('@azure/data-tables');

const TABLE = 'devices';
const PARTITION = 'device';

let ready;
function table() {
  ready ??= (async () => {
    const client = TableClient.fromConnectionString(process.env.AzureWebJobsStorage, TABLE, {
      // Azurite speaks plain HTTP; an Azure connection string is HTTPS anyway.
      allowInsecureConnection: true,
    });
    await client.createTable();
    return client;
  })().catch((err) => {
    ready = undefined;
    throw err;
  });
  return ready;
}

const toEntity = (record) => ({
  partitionKey: PARTITION,
  rowKey: record.deviceId,
  online: record.online,
  sessionId: record.sessionId ?? '',
  physicalConnectionId: record.physicalConnectionId ?? '',
  since: record.since,
  lastDisconnect: record.lastDisconnect ? JSON.stringify(record.lastDisconnect) : '',
});

const fromEntity = (entity) => ({
  deviceId: entity.rowKey,
  online: entity.online === true,
  sessionId: entity.sessionId || null,
  physicalConnectionId: entity.physicalConnectionId || null,
  since: entity.since,
  lastDisconnect: entity.lastDisconnect ? JSON.parse(entity.lastDisconnect) : null,
});

async function putOnline(record) {
  await (await table()).upsertEntity(toEntity(record), 'Replace');
}

/** Applies `decide(current)` (null: leave it) with optimistic concurrency; resolves with the write. */
async function updateDevice(deviceId, decide) {
  const client = await table();
  for (let attempt = 0; ; attempt++) {
    let entity;
    try {
      entity = await client.getEntity(PARTITION, deviceId);
    } catch (err) {
      if (err.statusCode === 404) return null;
      throw err;
    }
    const next = decide(fromEntity(entity));
    if (!next) return null;
    try {
      await client.updateEntity(toEntity(next), 'Replace', { etag: entity.etag });
      return next;
    } catch (err) {
      if (err.statusCode !== 412 || attempt >= 3) throw err;
    }
  }
}

async function listDevices() {
  const client = await table();
  const records = [];
  const query = { filter: `PartitionKey eq '${PARTITION}'` };
  for await (const entity of client.listEntities({ queryOptions: query })) {
    records.push(fromEntity(entity));
  }
  return records;
}

module.exports = { putOnline, updateDevice, listDevices };
