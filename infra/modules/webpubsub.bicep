// Azure Web PubSub with local auth off (Entra only: the app's identity holds Web PubSub Service
// Owner). SKU and units are parameters, checked as a pair before anything is created; Premium can
// add replicas in other regions.
param name string
param location string
param tags object

@allowed(['Free_F1', 'Standard_S1', 'Premium_P1', 'Premium_P2'])
param sku string
@description('Units; 0 takes the SKU\'s smallest (1, or 100 on Premium_P2).')
param capacity int
param replicaLocations array

// The unit counts each SKU accepts, as the resource provider documents them for `sku.capacity`
// (Microsoft.SignalRService 2024-03-01 ResourceSku): anything else fails at deployment.
var unitsBySku = {
  Free_F1: [1]
  Standard_S1: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
  Premium_P1: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
  Premium_P2: [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]
}
var wanted = capacity == 0 ? first(unitsBySku[sku]) : capacity
var unitList = join(map(unitsBySku[sku], u => string(u)), ', ')
var units = contains(unitsBySku[sku], wanted) ? wanted : fail('webPubSubCapacity ${capacity} is not valid for ${sku}: use one of ${unitList}.')
var tier = split(sku, '_')[0]

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'WebPubSub'
  sku: { name: sku, tier: tier, capacity: units }
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
    sku: { name: sku, tier: tier, capacity: units }
    properties: {}
  }
]

output name string = webPubSub.name
output hostName string = webPubSub.properties.hostName
