'use strict';
/**
 * A loopback image host that answers every GET with the same small PNG after `delayMs`, and counts how many
 * requests it was serving at once: for tests of how many downloads an execution runs together.
 */
const http = require('http');
const { makePng } = require('../../sandbox/png');

async function slowImages({ delayMs = 30, png = makePng(4, 4, [10, 20, 30]) } = {}) {
	const stats = { requests: 0, open: 0, mostAtOnce: 0 };
	const server = http.createServer((request, response) => {
		stats.requests++;
		stats.open++;
		stats.mostAtOnce = Math.max(stats.mostAtOnce, stats.open);
		request.resume();
		setTimeout(() => {
			response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
			response.end(png, () => stats.open--);
		}, delayMs);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, stats, close: () => new Promise((resolve) => server.close(resolve)) };
}

module.exports = { slowImages };
