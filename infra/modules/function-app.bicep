// The Function App on Flex Consumption (Node), running as the user-assigned identity: the
// deployment package, host storage, telemetry and Web PubSub are all reached without keys. Its
// app settings are one to one with what the code reads (checked by `npm test`).
param name string
param planName string
param location string
param tags object
param identityName string
param storageAccountName string
param deploymentContainerName string
param appInsightsName string
param webPubSubHostName string
param webPubSubHubName string
param nodeVersion string
param maximumInstanceCount int
param instanceMemoryMB int
param authClientId string
param authAllowedClientApps string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      runtime: { name: 'node', version: nodeVersion }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
    }
  }
}

// Easy Auth's federated credential (instead of a client secret) is this identity's client id.
var authSettings = empty(authClientId) ? {} : { OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identity.properties.clientId }

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(authSettings, {
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    WebPubSubConnectionString__serviceUri: 'https://${webPubSubHostName}'
    WebPubSubConnectionString__credential: 'managedidentity'
    WebPubSubConnectionString__clientId: identity.properties.clientId
    WebPubSubHub: webPubSubHubName
    CHAT_ALLOW_GUESTS: 'false'
  })
}

module auth 'app-auth.bicep' = {
  name: 'app-auth'
  dependsOn: [appSettings]
  params: { siteName: site.name, clientId: authClientId, allowedClientApps: authAllowedClientApps }
}

output name string = site.name
output hostName string = site.properties.defaultHostName
