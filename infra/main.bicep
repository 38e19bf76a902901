// The whole system at subscription scope: a resource group with the identity, monitoring, storage,
// Web PubSub (service + hub wired to the Function App's webhook), the Flex Consumption Function App
// with App Service Authentication, resource logs to Log Analytics, and the role assignments.
// `azd up` or `az deployment sub create`.
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

@description('Web PubSub units: 1 on Free_F1; 1-10, 20, 30 ... 100 on Standard_S1 / Premium_P1; 100, 200 ... 1000 on Premium_P2. 0: the SKU\'s smallest. Other pairs fail before anything is created.')
param webPubSubCapacity int = 0

@description('Premium only: regions for Web PubSub replicas (high availability and disaster recovery).')
param webPubSubReplicaLocations array = []

@description('The hub the app uses (the WebPubSubHub app setting).')
param webPubSubHubName string = 'chat'

@description('Principal id of the app identity whose webpubsub_extension key the postdeploy hook found (WEBPUBSUB_WEBHOOK_WIRED_FOR). Bicep reads the key only when it names the identity this deployment has, so a fresh or re-created app never has listKeys called on it.')
param webhookWiredFor string = ''

@description('Microsoft Entra app registration (client id) users sign in with, through App Service Authentication. Empty: no sign-in.')
param authClientId string = ''

@description('Comma-separated client ids of other applications whose bearer tokens for authClientId are accepted (the registration itself always is), e.g. the Azure CLI\'s for `npm run smoke -- --bearer`.')
param authAllowedClientApps string = ''

@description('Node.js on Flex Consumption: 22, its newest (Node 20 left support in April 2026).')
@allowed(['22'])
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
    authAllowedClientApps: authAllowedClientApps
  }
}

module hub 'modules/webpubsub-hub.bicep' = {
  name: 'webpubsub-hub'
  scope: rg
  params: {
    webPubSubName: webPubSub.outputs.name
    hubName: webPubSubHubName
    functionAppName: functionApp.outputs.name
    webhookWiredFor: webhookWiredFor
    appPrincipalId: identity.outputs.principalId
  }
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    workspaceName: monitoring.outputs.workspaceName
    webPubSubName: webPubSub.outputs.name
    functionAppName: functionApp.outputs.name
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
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.workspaceName
