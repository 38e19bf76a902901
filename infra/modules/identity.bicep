// The app's one user-assigned managed identity: storage, deployment package, telemetry and Web
// PubSub all use it. It exists before the site, so role assignments never race the site's creation.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
