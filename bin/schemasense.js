#!/usr/bin/env node
// The bundled CLI and language server; build it with `npm run build`.
require('../dist/server.js');
