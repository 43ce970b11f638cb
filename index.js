// n8n discovers this package's node and credential through the "n8n" section of package.json;
// this file only gives `require('n8n-nodes-ideogram')` something harmless to load.
module.exports = {};
