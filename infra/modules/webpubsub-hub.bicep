// The hub, its event handler pointing at the Function App's Web PubSub webhook, listing exactly the
// events the app's triggers handle (checked by `npm test`). The `webpubsub_extension` key exists
// only once the code has run: until the postdeploy hook has found it for this very app, the URL
// has no key and the app refuses the service's calls, so no client connects unchecked (fail closed).
param webPubSubName string
param hubName string
param functionAppName string
@description('Principal id of the app identity the postdeploy hook found the key for (empty: never).')
param webhookWiredFor string
@description('Principal id of the app identity of this deployment.')
param appPrincipalId string

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' existing = {
  name: webPubSubName
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

var webhook = 'https://${site.properties.defaultHostName}/runtime/webhooks/webpubsub'
// listKeys on a fresh app (before any code ran) fails the deployment. A flag left in the azd
// environment cannot tell a fresh app from a wired one (`azd down` then `azd up` keeps the env);
// the identity can: `azd down` deletes it and the next `azd up` makes one with a new principal id.
var keyExists = !empty(webhookWiredFor) && webhookWiredFor == appPrincipalId
var hostKeys = resourceId('Microsoft.Web/sites/host', functionAppName, 'default')
var webhookUrl = keyExists ? '${webhook}?code=${uriComponent(listKeys(hostKeys, '2024-04-01').systemKeys.webpubsub_extension)}' : webhook

resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  parent: webPubSub
  name: hubName
  properties: {
    anonymousConnectPolicy: 'deny'
    eventHandlers: [
      {
        urlTemplate: webhookUrl
        userEventPattern: 'delete,edit,history,join,leave,message,react,read,rooms'
        systemEvents: ['connect', 'connected', 'disconnected']
      }
    ]
  }
}

output name string = hub.name
