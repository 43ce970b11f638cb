'use strict';
/**
 * Hostile behaviours, for proving that the node stays bounded and keeps the key to itself when a server
 * misbehaves on purpose: an image host that trickles, never ends, never answers or serves a cut-off file,
 * and an API that answers with too much, with the wrong shapes, or with the caller's key in its text.
 *
 * The same code serves two mounts: the sandbox (server.js hands `/hostile/…` image paths and `{ hostile }`
 * faults to it, which the end-to-end cases in dev/e2e-cases/hostile-cases.js use) and the unit tests' hostile
 * server (test/support/hostile-server.js, used by test/engine/hostile.test.ts). Loopback only; Node built-ins only.
 *
 * Image host paths (GET):
 *   /hostile/valid.png            a complete 64×48 PNG
 *   /hostile/valid%ZZ.png         the same, at a path that is not valid percent-encoding
 *   /hostile/truncated.png        a PNG cut off right after its header
 *   /hostile/trickle.png?interval=1000   the PNG, one byte per interval (ms)
 *   /hostile/endless.png?mbps=8   a PNG header, then zeros forever (as fast as the client reads, or at mbps MB/s)
 *   /hostile/big.png?mb=300       a PNG header padded to that size, with its Content-Length
 *   /hostile/undeclared.png?mb=300 the same without Content-Length (chunked)
 *   /hostile/no-headers.png       accepts the connection and never answers
 *   /hostile/stall.png            sends the headers and the first bytes, then nothing more
 *   /hostile/redirect?to=<url>    302 to that URL
 * API faults (`{ "hostile": kind, … }`), answering instead of the API:
 *   trickleJson {interval}  a valid answer, one byte per interval
 *   endlessJson             200 JSON that never ends
 *   noHeaders               never answers
 *   oversizedJson {mb}      200 valid JSON of that size (default 6 MB)
 *   extraImages {count}     200 with `count` images (default 300) whatever was asked
 *   bigField {mb}           200 with one image and a field of that size (default 50 MB)
 *   echoKey {status}        that status (default 401) with the text "Invalid API key: <the key sent>"
 *   htmlKey {status}        that status (default 500) with an HTML page quoting the request's key headers
 *   internalUrls            200 with result URLs on 169.254.169.254, 10.0.0.1 and [fd00::1]
 *   resultPaths {paths}     200 with result URLs on this image host's /hostile/ paths (e.g. ["endless.png"])
 *   malformed {shape}       200 with `{}` (shape "empty"), `{"data": "x"}` ("string") or `{"data": [null]}` ("null")
 */
const { makePng } = require('./png');

const VALID_PNG = makePng(64, 48, [30, 120, 200]);
// The signature and the IHDR chunk: a reader knows the format and size, and then the file ends.
const TRUNCATED_PNG = VALID_PNG.subarray(0, 33);
const ZEROS = Buffer.alloc(64 * 1024);

/** Counters a test can read: bytes each endless answer managed to send before the client hung up. */
function createStats() {
	return { endlessBytes: [], openConnections: 0 };
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Writes `bytes` one at a time, `interval` ms apart, until done or the client goes away. */
async function trickle(response, bytes, interval) {
	for (let index = 0; index < bytes.length && !response.destroyed; index++) {
		response.write(bytes.subarray(index, index + 1));
		await sleep(interval);
	}
	if (!response.destroyed) response.end();
}

/**
 * Writes `head`, then zeros until `limit` bytes (or forever), at the pace the client reads, or at most
 * `bytesPerSecond`.
 */
function pour(response, head, limit, stats, bytesPerSecond) {
	let sent = 0;
	const started = Date.now();
	const record = stats ? stats.endlessBytes.push(0) - 1 : -1;
	const write = () => {
		while (!response.destroyed) {
			const ahead = bytesPerSecond ? sent / bytesPerSecond - (Date.now() - started) / 1000 : 0;
			if (ahead > 0) return void setTimeout(write, ahead * 1000).unref();
			const chunk = sent === 0 ? head : limit === undefined ? ZEROS : ZEROS.subarray(0, Math.min(ZEROS.length, limit - sent));
			if (chunk.length === 0) return response.end();
			sent += chunk.length;
			if (record >= 0) stats.endlessBytes[record] = sent;
			if (!response.write(chunk)) return response.once('drain', write);
		}
	};
	response.on('close', () => {
		if (record >= 0) stats.endlessBytes[record] = sent;
	});
	write();
}

/** Holds the connection open without answering until the client (or the server's close) ends it. */
function hold(request, response, stats) {
	if (stats) stats.openConnections += 1;
	response.on('close', () => {
		if (stats) stats.openConnections -= 1;
	});
}

/** Serves a /hostile/ image path; returns false for any other path. */
function serveImage(request, response, stats) {
	const raw = request.url ?? '';
	if (!raw.startsWith('/hostile/')) return false;
	const url = new URL(raw, 'http://hostile');
	const name = raw.slice('/hostile/'.length).split('?')[0];
	const mb = Number(url.searchParams.get('mb') ?? 300);
	const png = { 'content-type': 'image/png' };
	switch (name) {
		case 'valid.png':
		case 'valid%ZZ.png':
			response.writeHead(200, { ...png, 'content-length': VALID_PNG.length });
			response.end(VALID_PNG);
			return true;
		case 'truncated.png':
			response.writeHead(200, png);
			response.end(TRUNCATED_PNG);
			return true;
		case 'trickle.png':
			response.writeHead(200, png);
			trickle(response, VALID_PNG, Number(url.searchParams.get('interval') ?? 1000));
			return true;
		case 'endless.png': {
			const mbps = Number(url.searchParams.get('mbps') ?? 0);
			response.writeHead(200, png);
			pour(response, TRUNCATED_PNG, undefined, stats, mbps > 0 ? mbps * 1024 * 1024 : undefined);
			return true;
		}
		case 'big.png':
			response.writeHead(200, { ...png, 'content-length': Math.round(mb * 1024 * 1024) });
			pour(response, TRUNCATED_PNG, Math.round(mb * 1024 * 1024), stats);
			return true;
		case 'undeclared.png':
			response.writeHead(200, png);
			pour(response, TRUNCATED_PNG, Math.round(mb * 1024 * 1024), stats);
			return true;
		case 'no-headers.png':
			hold(request, response, stats);
			return true;
		case 'stall.png':
			response.writeHead(200, png);
			response.write(TRUNCATED_PNG);
			hold(request, response, stats);
			return true;
		case 'redirect':
			response.writeHead(302, { location: url.searchParams.get('to') ?? '/hostile/valid.png' });
			response.end();
			return true;
		default:
			response.writeHead(404, { 'content-type': 'text/plain' });
			response.end('no such hostile path');
			return true;
	}
}

/** The key the request carried, in whichever header it came. */
function keyOf(request) {
	const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
	return request.headers['api-key'] ?? (bearer ? bearer[1] : '');
}

function imageEntry(url, index) {
	return { url, prompt: 'hostile', resolution: '64x48', is_image_safe: true, seed: 1000 + index, style_type: 'GENERAL' };
}

/**
 * Answers an API request the hostile way `fault.hostile` names. `imageUrl` is the image host's origin;
 * `record(status)` notes what was answered. Returns false for an unknown kind.
 */
function answerApi(fault, { request, response, imageUrl, record = () => undefined, stats }) {
	const json = (status, body) => {
		record(status);
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
		response.end(text);
	};
	const created = new Date().toISOString();
	const valid = `${imageUrl}/hostile/valid.png?sig=hostile`;
	switch (fault.hostile) {
		case 'trickleJson': {
			record(200);
			response.writeHead(200, { 'content-type': 'application/json' });
			trickle(response, Buffer.from(JSON.stringify({ created, data: [imageEntry(valid, 0)] })), fault.interval ?? 1000);
			return true;
		}
		case 'endlessJson':
			record(200);
			response.writeHead(200, { 'content-type': 'application/json' });
			pour(response, Buffer.from(`{"created":"${created}","data":[`), undefined, stats);
			return true;
		case 'noHeaders':
			record(0);
			hold(request, response, stats);
			return true;
		case 'oversizedJson': {
			const padding = 'x'.repeat(Math.round((fault.mb ?? 6) * 1024 * 1024));
			json(200, { created, data: [imageEntry(valid, 0)], padding });
			return true;
		}
		case 'extraImages':
			json(200, { created, data: Array.from({ length: fault.count ?? 300 }, (_, index) => imageEntry(`${valid}&n=${index}`, index)) });
			return true;
		case 'bigField':
			json(200, { created, data: [{ ...imageEntry(valid, 0), debug: 'y'.repeat(Math.round((fault.mb ?? 50) * 1024 * 1024)) }] });
			return true;
		case 'echoKey': {
			const status = fault.status ?? 401;
			record(status);
			response.writeHead(status, { 'content-type': 'text/plain' });
			response.end(`Invalid API key: ${keyOf(request)}`);
			return true;
		}
		case 'htmlKey': {
			const status = fault.status ?? 500;
			record(status);
			response.writeHead(status, { 'content-type': 'text/html' });
			response.end(`<html><body><h1>Error</h1><pre>Api-Key: ${request.headers['api-key'] ?? ''}\nAuthorization: ${request.headers.authorization ?? ''}</pre><p>key=${encodeURIComponent(keyOf(request))}</p></body></html>`);
			return true;
		}
		case 'internalUrls':
			json(200, { created, data: ['http://169.254.169.254/latest/meta-data/a.png', 'http://10.0.0.1/a.png', 'http://[fd00::1]/a.png'].map(imageEntry) });
			return true;
		case 'malformed':
			json(200, { empty: {}, string: { data: 'x' }, null: { data: [null] } }[fault.shape ?? 'empty'] ?? {});
			return true;
		case 'resultPaths':
			json(200, { created, data: (fault.paths ?? ['valid.png']).map((path, index) => imageEntry(`${imageUrl}/hostile/${path}`, index)) });
			return true;
		default:
			return false;
	}
}

module.exports = { serveImage, answerApi, createStats, VALID_PNG, TRUNCATED_PNG };
