// Resource logs to the Log Analytics workspace: Web PubSub's connectivity, messaging and HTTP
// request logs (tables WebPubSubConnectivity, WebPubSubMessaging, WebPubSubHttpRequest) and the
// Function App's host and function logs (table FunctionAppLogs). Application Insights (requests,
// traces, exceptions) already lands in the same workspace.
param workspaceName string
param webPubSubName string
param functionAppName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' existing = {
  name: webPubSubName
}

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource webPubSubLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webPubSub
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'ConnectivityLogs', enabled: true }
      { category: 'MessagingLogs', enabled: true }
      { category: 'HttpRequestLogs', enabled: true }
    ]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource functionAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspace.id
    logs: [{ category: 'FunctionAppLogs', enabled: true }]
  }
}
