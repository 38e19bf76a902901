// The whole system at subscription scope: a resource group with the identity, monitoring, storage,
// Web PubSub (service + hub wired to the Function App's webhook), the Flex Consumption Function App
// with App Service Authentication, and the role assignments. `azd up` or `az deployment sub create`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd env name); names and tags derive from it.')
param environmentName string

@minLength(1)
@description('Region for all resources (one with Flex Consumption).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying user; gets data roles for local development and smoke tests. Empty: none.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@allowed(['Free_F1', 'Standard_S1', 'Premium_P1', 'Premium_P2'])
@description('Web PubSub SKU: Free_F1 for trials, Standard_S1 for production, Premium for zone redundancy and replicas.')
param webPubSubSku string = 'Free_F1'

@description('Web PubSub units: 1 on Free; 1-10, 20, 30 ... 100 on Standard_S1 / Premium_P1; 100 ... 1000 on Premium_P2.')
param webPubSubCapacity int = 1

@description('Premium only: regions for Web PubSub replicas (high availability and disaster recovery).')
param webPubSubReplicaLocations array = []

@description('The hub the app uses (the WebPubSubHub app setting).')
param webPubSubHubName string = 'chat'

@description('True once the webpubsub_extension key exists (set by the postdeploy hook): Bicep then keeps the key in the hub\'s event handler.')
param webhookKeyReady bool = false

@description('Microsoft Entra app registration (client id) users sign in with, through App Service Authentication. Empty: no sign-in.')
param authClientId string = ''

@allowed(['20', '22'])
param nodeVersion string = '22'

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${token}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: 'id-${token}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { workspaceName: 'log-${token}', appInsightsName: 'appi-${token}', location: location, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${take(functionAppName, 32)}-${take(token, 7)}'
  }
}

module webPubSub 'modules/webpubsub.bicep' = {
  name: 'webpubsub'
  scope: rg
  params: {
    name: 'wps-${token}'
    location: location
    tags: tags
    sku: webPubSubSku
    capacity: webPubSubCapacity
    replicaLocations: webPubSubReplicaLocations
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    webPubSubName: webPubSub.outputs.name
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  dependsOn: [rbac]
  params: {
    name: functionAppName
    planName: 'plan-${token}'
    location: location
    tags: tags
    identityName: identity.outputs.name
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    webPubSubHostName: webPubSub.outputs.hostName
    webPubSubHubName: webPubSubHubName
    nodeVersion: nodeVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    authClientId: authClientId
  }
}

module hub 'modules/webpubsub-hub.bicep' = {
  name: 'webpubsub-hub'
  scope: rg
  params: {
    webPubSubName: webPubSub.outputs.name
    hubName: webPubSubHubName
    functionAppName: functionApp.outputs.name
    webhookKeyReady: webhookKeyReady
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_SUBSCRIPTION_ID string = subscription().subscriptionId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output FUNCTION_APP_HOSTNAME string = functionApp.outputs.hostName
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.hostName}'
output WEBPUBSUB_NAME string = webPubSub.outputs.name
output WEBPUBSUB_HOSTNAME string = webPubSub.outputs.hostName
output WEBPUBSUB_HUB string = hub.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
