// The runtime's homepage at `/`, served when no function handles the root, as the Functions host
// does unless the AzureWebJobsDisableHomepage app setting is `true` (azure-docs, functions app
// settings reference: AzureWebJobsDisableHomepage).
import type { HostExtension, HostServices } from '../extension';

export const HOMEPAGE_SETTING = 'AzureWebJobsDisableHomepage';

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Your Functions 4.0 app is up and running</title></head>
<body>
<h1>Your Functions 4.0 app is up and running</h1>
<p>Azure Functions is an event-based serverless compute experience to accelerate your development.</p>
<p>(Served by the offline host, for local development only.)</p>
</body>
</html>
`;

export function homepageExtension(host: HostServices): HostExtension {
  const disabled = () => host.env[HOMEPAGE_SETTING]?.toLowerCase() === 'true';
  return {
    name: 'homepage',
    endpoints: [
      {
        handle(req, res, url) {
          if (url.pathname !== '/' || disabled()) return false;
          if (req.method !== 'GET' && req.method !== 'HEAD') return false;
          res.statusCode = 200;
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(req.method === 'HEAD' ? undefined : PAGE);
          return true;
        },
      },
    ],
  };
}
