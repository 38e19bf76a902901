// App Service Authentication (Easy Auth) in front of the app: it signs users in with Microsoft Entra
// and hands /api/negotiate the x-ms-client-principal* headers, stripping any a caller forged.
// Anonymous requests still pass, so the web client at / loads and the Web PubSub service reaches
// /runtime/webhooks/webpubsub (which its system key protects).
param siteName string
@description('Entra app registration client id; empty: auth stays on (headers stripped) with no provider, so nobody can sign in.')
param clientId string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

var entra = {
  azureActiveDirectory: {
    enabled: true
    registration: {
      openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
      clientId: clientId
      clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
    }
    validation: { allowedAudiences: ['api://${clientId}', clientId] }
  }
}

resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      excludedPaths: ['/runtime/webhooks/webpubsub']
    }
    identityProviders: empty(clientId) ? {} : entra
    login: { tokenStore: { enabled: false } }
    httpSettings: { requireHttps: true }
  }
}
