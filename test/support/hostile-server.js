'use strict';
/**
 * The hostile server for unit tests: sandbox/hostile.js mounted on one loopback port. Image paths are under
 * /hostile/ (see that file); `/api/<kind>[/<name>=<value>…]/<anything>` answers as the API fault of that kind
 * would, with the `name=value` segments (or query parameters) as the fault's options: numbers where they
 * are numbers, `paths` a comma-separated list. Use `${url}/api/<kind>/…` as a credential's Base URL.
 */
const http = require('http');

const { answerApi, createStats, serveImage, TRUNCATED_PNG, VALID_PNG } = require('../../sandbox/hostile');

/**
 * @returns {Promise<{
 *   url: string,
 *   stats: { endlessBytes: number[], openConnections: number },
 *   sockets: () => number,
 *   requests: Array<{ method: string, url: string, headers: http.IncomingHttpHeaders }>,
 *   close: () => Promise<void>,
 * }>}
 */
async function startHostileServer() {
	const stats = createStats();
	const requests = [];
	const sockets = new Set();
	let url = '';
	const server = http.createServer((request, response) => {
		requests.push({ method: request.method ?? 'GET', url: request.url ?? '', headers: request.headers });
		// The request body is drained and ignored: only the answers are hostile.
		request.resume();
		if (serveImage(request, response, stats)) return;
		const match = /^\/api\/(\w+)/.exec(request.url ?? '');
		const fault = { hostile: match?.[1] };
		const parsed = new URL(request.url ?? '/', 'http://hostile');
		const segments = parsed.pathname.split('/').filter((segment) => segment.includes('=')).map((segment) => segment.split('='));
		for (const [name, value] of [...segments, ...parsed.searchParams]) {
			fault[name] = name === 'paths' ? value.split(',') : value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
		}
		if (match && answerApi(fault, { request, response, imageUrl: url, stats })) return;
		response.writeHead(404, { 'content-type': 'text/plain' });
		response.end('unknown hostile route');
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		stats,
		sockets: () => sockets.size,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

module.exports = { startHostileServer, TRUNCATED_PNG, VALID_PNG };
