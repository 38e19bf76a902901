// GET /api/dashboard: the dashboard page (public/dashboard.html).
const { readFile } = require('node:fs/promises');
const path = require('node:path');

const { app } = require('@azure/functions');

const PAGE = path.join(__dirname, '..', 'public', 'dashboard.html');

app.http('dashboard', {
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: async () => ({
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: await readFile(PAGE, 'utf8'),
  }),
});
