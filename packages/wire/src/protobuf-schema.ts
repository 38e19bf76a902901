// The protobuf.webpubsub.azure.v1 messages as a protobufjs JSON descriptor: plain data, so both the
// emulator and tests build codecs from one definition. Names and numbers are the wire contract.

/** Fully qualified names of the top-level messages. */
export const PROTOBUF_TYPES = {
  upstream: 'azure.webpubsub.UpstreamMessage',
  downstream: 'azure.webpubsub.DownstreamMessage',
  dataMessage: 'azure.webpubsub.DownstreamMessage.DataMessage',
  messageData: 'azure.webpubsub.MessageData',
  any: 'google.protobuf.Any',
} as const;

type Field = { type: string; id: number; keyType?: string; options?: Record<string, boolean> };
type MessageDescriptor = {
  fields: Record<string, Field>;
  oneofs?: Record<string, { oneof: string[] }>;
  nested?: Record<string, MessageDescriptor>;
};

const field = (type: string, id: number): Field => ({ type, id });
/** proto3 `optional`: explicit presence, which protobufjs models as a one-field oneof. */
const optional = (type: string, id: number): Field => ({
  type,
  id,
  options: { proto3_optional: true },
});
const stringMap = (id: number): Field => ({ keyType: 'string', type: 'string', id });

/** A message whose `optional` fields get the synthetic `_name` oneofs protobufjs expects. */
function message(
  fields: Record<string, Field>,
  extra: Omit<MessageDescriptor, 'fields'> = {},
): MessageDescriptor {
  const oneofs = { ...extra.oneofs };
  for (const [name, f] of Object.entries(fields)) {
    if (f.options?.proto3_optional) oneofs[`_${name}`] = { oneof: [name] };
  }
  return { ...extra, fields, ...(Object.keys(oneofs).length ? { oneofs } : {}) };
}

const oneof = (name: string, fields: Record<string, Field>) => ({
  oneofs: { [name]: { oneof: Object.keys(fields) } },
});

const upstreamCases = {
  send_to_group_message: field('SendToGroupMessage', 1),
  event_message: field('EventMessage', 5),
  join_group_message: field('JoinGroupMessage', 6),
  leave_group_message: field('LeaveGroupMessage', 7),
  sequence_ack_message: field('SequenceAckMessage', 8),
  ping_message: field('PingMessage', 9),
};

const groupRequest = message({ group: field('string', 1), ack_id: optional('uint64', 2) });

const UpstreamMessage = message(upstreamCases, {
  ...oneof('message', upstreamCases),
  nested: {
    SendToGroupMessage: message({
      group: field('string', 1),
      ack_id: optional('uint64', 2),
      data: field('MessageData', 3),
      no_echo: optional('bool', 4),
      ttl_seconds: optional('uint32', 5),
      metadata: stringMap(6),
      stream: field('StreamStartInfo', 7),
    }),
    EventMessage: message({
      event: field('string', 1),
      data: field('MessageData', 2),
      ack_id: optional('uint64', 3),
      metadata: stringMap(4),
      stream: field('StreamStartInfo', 5),
    }),
    JoinGroupMessage: groupRequest,
    LeaveGroupMessage: groupRequest,
    SequenceAckMessage: message({ sequence_id: field('uint64', 1) }),
    PingMessage: message({}),
    StreamStartInfo: message({
      stream_id: field('string', 1),
      idle_timeout_ms: optional('uint32', 2),
    }),
  },
});

const downstreamCases = {
  ack_message: field('AckMessage', 1),
  data_message: field('DataMessage', 2),
  system_message: field('SystemMessage', 3),
  pong_message: field('PongMessage', 4),
};

const systemCases = {
  connected_message: field('ConnectedMessage', 1),
  disconnected_message: field('DisconnectedMessage', 2),
};

const DownstreamMessage = message(downstreamCases, {
  ...oneof('message', downstreamCases),
  nested: {
    AckMessage: message(
      {
        ack_id: field('uint64', 1),
        success: field('bool', 2),
        error: optional('ErrorMessage', 3),
      },
      {
        nested: {
          ErrorMessage: message({ name: field('string', 1), message: field('string', 2) }),
        },
      },
    ),
    DataMessage: message({
      from: field('string', 1),
      group: optional('string', 2),
      data: field('MessageData', 3),
      sequence_id: optional('uint64', 4),
      metadata: stringMap(5),
    }),
    SystemMessage: message(systemCases, {
      ...oneof('message', systemCases),
      nested: {
        ConnectedMessage: message({
          connection_id: field('string', 1),
          user_id: field('string', 2),
          reconnection_token: optional('string', 3),
        }),
        // Field 2 on purpose: the spec never assigned number 1 here.
        DisconnectedMessage: message({ reason: field('string', 2) }),
      },
    }),
    PongMessage: message({}),
  },
});

const dataCases = {
  text_data: field('string', 1),
  binary_data: field('bytes', 2),
  protobuf_data: field('google.protobuf.Any', 3),
  json_data: field('string', 4),
};

/** Pass to protobufjs `Root.fromJSON`. */
export const PROTOBUF_DESCRIPTOR = {
  nested: {
    azure: {
      nested: {
        webpubsub: {
          nested: {
            UpstreamMessage,
            DownstreamMessage,
            MessageData: message(dataCases, oneof('data', dataCases)),
          },
        },
      },
    },
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: message({ type_url: field('string', 1), value: field('bytes', 2) }),
          },
        },
      },
    },
  },
};
