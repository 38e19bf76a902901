// App Service Authentication (Easy Auth) in front of the app: it signs users in with Microsoft Entra,
// strips any x-ms-client-principal* header a caller sends and adds its own for signed-in callers.
// Authentication is required everywhere but on the listed public paths, so a request with forged
// principal headers and no valid session or token is answered 401 before it reaches
// /api/negotiate (the smoke test checks this on every deployment).
param siteName string
@description('Entra app registration client id; empty: no provider, so every protected path answers 401.')
param clientId string
@description('Comma-separated client ids of other applications whose tokens for this app are accepted.')
param allowedClientApps string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

// Reachable without Easy Auth: the web client's files (it signs in through /.auth, which Easy Auth
// always serves), the Web PubSub webhook (the host's system key protects it), the APIs protected
// by function keys, and guest negotiate (the app refuses it unless CHAT_ALLOW_GUESTS is on).
var publicPaths = [
  '/'
  '/index.html'
  '/app.js'
  '/app.js.map'
  '/styles.css'
  '/runtime/webhooks/webpubsub'
  '/api/negotiate/guest'
  '/api/publish'
  '/api/admin/*'
  '/api/rooms/*'
]

// Tokens whose client (azp/appid) is the registration itself or a listed application; without an
// explicit policy, tokens a script gets through another client can be refused with 403.
var allowedApplications = union([clientId], filter(map(split(allowedClientApps, ','), a => trim(a)), a => !empty(a)))

var entra = {
  azureActiveDirectory: {
    enabled: true
    registration: {
      openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
      clientId: clientId
      clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
    }
    validation: {
      allowedAudiences: ['api://${clientId}', clientId]
      defaultAuthorizationPolicy: { allowedApplications: allowedApplications }
    }
  }
}

resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: publicPaths
    }
    identityProviders: empty(clientId) ? {} : entra
    login: { tokenStore: { enabled: false } }
    httpSettings: { requireHttps: true }
  }
}
