'use strict';
/**
 * A loopback API that answers each request with the next scripted answer (the last one repeats) and
 * records what it received: for transport tests that need exact status codes and headers. An answer's `raw`
 * text is sent as it is, instead of its `body` as JSON.
 */
const http = require('http');

async function scriptedApi(answers) {
	const seen = [];
	const server = http.createServer((request, response) => {
		seen.push({ method: request.method, url: request.url, apiKey: request.headers['api-key'] });
		request.resume();
		const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
		response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
		response.end(answer.raw ?? JSON.stringify(answer.body ?? {}));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return { baseUrl: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

module.exports = { scriptedApi };
