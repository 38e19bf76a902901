// Azure Web PubSub with local auth off (Entra only: the app's identity holds Web PubSub Service
// Owner). SKU and units are parameters; Premium can add replicas in other regions.
param name string
param location string
param tags object

@allowed(['Free_F1', 'Standard_S1', 'Premium_P1', 'Premium_P2'])
param sku string
param capacity int
param replicaLocations array

var tier = split(sku, '_')[0]

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'WebPubSub'
  sku: { name: sku, tier: tier, capacity: capacity }
  properties: {
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
    tls: { clientCertEnabled: false }
  }
}

// Replicas need Premium; each is a full copy in another region behind the same host name.
resource replicas 'Microsoft.SignalRService/webPubSub/replicas@2024-03-01' = [
  for replicaLocation in (tier == 'Premium' ? replicaLocations : []): {
    parent: webPubSub
    name: '${name}-${replicaLocation}'
    location: replicaLocation
    tags: tags
    sku: { name: sku, tier: tier, capacity: capacity }
    properties: {}
  }
]

output name string = webPubSub.name
output hostName string = webPubSub.properties.hostName
