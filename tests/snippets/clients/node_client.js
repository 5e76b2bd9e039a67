// node_client.js SNIPPET ROOT_PEM PORT: one HTTPS GET to https://localhost:PORT/ through the
// generated Node.js snippet (a CommonJS module exporting agent, checkServerIdentity and PINS), with
// ROOT_PEM as the only trusted CA. Prints "OK <status>" and exits 0, or prints
// "ERROR <code> <message>" and exits 3. The pin check is the snippet's own: this file adds nothing
// to it, so a snippet that forgets to check would connect with a backup-only pin set and fail the
// test.
'use strict';
const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');

const [snippetPath, rootPath, port] = process.argv.slice(2);
const pinning = require(path.resolve(snippetPath));
for (const name of ['agent', 'checkServerIdentity', 'PINS']) {
  if (!(name in pinning)) {
    console.log(`ERROR EXPORT the snippet does not export ${name}`);
    process.exit(3);
  }
}
if (pinning.agent.options.checkServerIdentity !== pinning.checkServerIdentity) {
  console.log('ERROR AGENT the exported agent does not use the exported checkServerIdentity');
  process.exit(3);
}

const req = https.get(
  { host: 'localhost', port: Number(port), path: '/', agent: pinning.agent,
    ca: fs.readFileSync(rootPath), timeout: 10000 },
  (res) => {
    res.resume();
    res.on('end', () => {
      console.log(`OK ${res.statusCode}`);
      process.exit(0);
    });
  });
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', (err) => {
  console.log(`ERROR ${err.code || '-'} ${err.message}`);
  process.exit(3);
});
