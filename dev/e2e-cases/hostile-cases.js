'use strict';
/**
 * End-to-end cases for hostile servers and flaky networks (issue 10), in a real n8n against the sandbox's
 * hostile mode (sandbox/hostile.js). Each workflow chains Ideogram nodes that continue on fail, so every
 * scenario leaves its own error item; the sandbox answers the requests with the faults below, in order.
 * The same checks as cases.js (see there for `c`).
 */

/** The key every e2e credential holds (dev/lib/n8n-env.js credentialJson). */
const KEY = 'sandbox-key';
const MB = 1024 * 1024;
const { loopbackName } = require('../../samples/workflow-inputs');

/** The error item a node that continues on fail gave. */
function errorOf(c, node) {
	const items = c.items(node);
	c.eq(items.length, 1, `${node}: output items`);
	c.ok(!items[0].binary, `${node}: no binary`);
	return items[0].json;
}

/** The key is nowhere in what n8n stored or printed for this workflow's execution. */
function assertNoKey(c) {
	const stored = JSON.stringify(c.execution);
	c.ok(!stored.includes(KEY), `the key is not in the execution data (found at ${stored.indexOf(KEY)})`);
	const log = c.n8nLog();
	c.ok(!log.includes(KEY), `the key is not in n8n's log (found ${log.split(KEY).length - 1} times)`);
}

const imageHost = (c) => c.sandbox.imageUrl;

const hostileCases = [
	{
		name: 'hostile API answers',
		file: 'samples/workflows/hostile-api.json',
		sandbox: 'hostileApi',
		// One per node that sends (Timeout 0 sends nothing).
		faults: [
			{ hostile: 'echoKey' },
			{ hostile: 'htmlKey' },
			{ hostile: 'oversizedJson' },
			{ hostile: 'extraImages' },
			{ hostile: 'malformed', shape: 'empty' },
			{ hostile: 'malformed', shape: 'string' },
			{ hostile: 'malformed', shape: 'null' },
			{ hostile: 'trickleJson', interval: 1000 },
			{ hostile: 'internalUrls' },
		],
		checks: {
			'every node continues with its own error item': (c) => c.eq(c.status, 'success', 'execution status'),
			'Timeout 0 is refused before anything is sent': (c) => {
				const json = errorOf(c, 'Timeout 0');
				c.eq(json.error, 'Timeout (Seconds): must be at least 1 second, got 0', 'error');
				c.eq(json.description, 'Nothing was sent to Ideogram.', 'description');
				c.eq(c.sandbox.requests.length, 9, 'API requests (the other nine nodes)');
			},
			'a 401 that repeats the key, and an HTML page with it, come out redacted': (c) => {
				const echo = errorOf(c, 'Key echo 401');
				c.eq(echo.error, 'Ideogram refused the credential (HTTP 401)', 'echo error');
				c.match(echo.description, /The API said: Invalid API key: \[redacted\]$/, 'echo description');
				const html = errorOf(c, 'HTML with key');
				c.match(html.error, /^Ideogram failed with HTTP 500/, 'HTML error');
				c.match(html.description, /\[redacted\]/, 'HTML description');
			},
			'the key is in neither the execution data nor n8n\'s log': (c) => assertNoKey(c),
			'an oversized answer is stopped at 4 MB': (c) => {
				c.eq(errorOf(c, 'Oversized JSON').error, "Ideogram's answer (HTTP 200) was larger than the 4.0 MB an API answer may be; it was not read", 'error');
			},
			'300 images for 1 asked is an error, and none is downloaded': (c) => {
				c.eq(errorOf(c, 'Extra images').error, "Ideogram's answer has no usable image list: it lists 300 images, but 1 was asked for", 'error');
				c.eq(c.sandbox.imageRequests.length, 0, 'image downloads');
			},
			'malformed 200 answers say the request may have been billed': (c) => {
				for (const [node, problem, began] of [
					['Empty answer', 'it has no image list ("data" is missing)', '{}'],
					['Data not a list', 'its image list ("data") is a string, not a list', '{"data":"x"}'],
					['Null image', 'image 1 is null, not an image object', '{"data":[null]}'],
				]) {
					const json = errorOf(c, node);
					c.eq(json.error, `Ideogram's answer has no usable image list: ${problem}`, `${node} error`);
					c.eq(json.description, `The request was sent and may have been billed, so it was not sent again. The answer began: ${began}`, `${node} description`);
				}
			},
			'a trickled answer fails at the 2 s deadline': (c) => {
				c.eq(errorOf(c, 'Byte trickle').error, "Ideogram's answer (HTTP 200) did not arrive in full within 2 s", 'error');
				const ms = c.nodeRun('Byte trickle').executionTime;
				c.ok(ms >= 1900 && ms < 4000, `the node ran ${ms} ms`);
			},
			'internal result URLs are refused before connecting': (c) => {
				c.match(
					errorOf(c, 'Internal result URLs').error,
					/^Result image 1: refused http:\/\/169\.254\.169\.254\/latest\/meta-data\/a\.png: 169\.254\.169\.254 is a link-local address, which the node does not connect to unless "Allow Private Addresses" is on/,
					'error',
				);
			},
		},
	},
	{
		name: 'hostile image host',
		file: 'samples/workflows/hostile-downloads.json',
		sandbox: 'hostileDownloads',
		faults: [
			{ hostile: 'resultPaths', paths: ['trickle.png'] },
			{ hostile: 'resultPaths', paths: ['valid.png', 'no-headers.png'] },
			{ hostile: 'resultPaths', paths: ['big.png'] },
		],
		checks: {
			'every node continues with its own item': (c) => c.eq(c.status, 'success', 'execution status'),
			'a truncated PNG in binary data is refused before sending': (c) => {
				c.eq(errorOf(c, 'Truncated binary input').error, 'Input Image Field: binary field "cut" is an incomplete image: the PNG ends before its IEND chunk (33 bytes)', 'error');
			},
			'a trickled result fails at the deadline with its label and URL': (c) => {
				c.eq(errorOf(c, 'Trickled result').error, `Result image 1: ${imageHost(c)}/hostile/trickle.png timed out after 2 s while sending its content`, 'error');
				const ms = c.nodeRun('Trickled result').executionTime;
				c.ok(ms >= 1900 && ms < 4000, `the node ran ${ms} ms`);
			},
			'a result host that never answers keeps the image\'s label and URL': (c) => {
				c.eq(errorOf(c, 'Result without headers').error, `Result image 2: ${imageHost(c)}/hostile/no-headers.png timed out after 2 s before answering`, 'error');
			},
			'a result that announces 300 MB is refused at 50 MB': (c) => {
				c.eq(errorOf(c, 'Announced 300 MB result').error, `Result image 1: ${imageHost(c)}/hostile/big.png announced 300.0 MB, over the 50.0 MB limit; nothing was read`, 'error');
			},
			'an input URL with %ZZ is fetched as given and sent': (c) => {
				const [item] = c.items('Input URL with %ZZ');
				c.ok(!item.json.error, `no error (${item.json.error})`);
				c.ok(c.sandbox.imageRequests.some((request) => request.path === '/hostile/valid%ZZ.png'), 'the image host saw /hostile/valid%ZZ.png');
				const request = c.sandbox.requests.find((r) => r.path === '/v1/ideogram-v3/remix');
				c.eq(request?.files.image?.[0]?.filename, 'valid%ZZ.png', 'the image part keeps the name');
			},
			'a truncated PNG at a URL is refused before sending': (c) => {
				c.eq(errorOf(c, 'Truncated input URL').error, `Image URL: ${imageHost(c)}/hostile/truncated.png sent an incomplete image: the PNG ends before its IEND chunk (33 bytes)`, 'error');
			},
			'the metadata address is refused, directly and behind a redirect': (c) => {
				c.eq(
					errorOf(c, 'Metadata input URL').error,
					'Image URL: refused http://169.254.169.254/latest/meta-data/image.png: 169.254.169.254 is a link-local address, which the node does not connect to unless "Allow Private Addresses" is on, or the host is listed in "Private Hosts Allowed" (in the node\'s options)',
					'direct',
				);
				c.match(errorOf(c, 'Redirect to metadata').error, /^Image URL: refused http:\/\/169\.254\.169\.254\/latest\/meta-data\/ \(redirected from http:\/\/127\.0\.0\.1:\d+\/hostile\/redirect\?…\): 169\.254\.169\.254 is a link-local address/, 'redirected');
			},
			'only the four nodes with usable input reached the API': (c) => {
				c.eq(c.sandbox.requests.map((r) => r.path), ['/v1/ideogram-v3/generate', '/v1/ideogram-v3/generate', '/v1/ideogram-v3/generate', '/v1/ideogram-v3/remix'], 'API requests');
			},
			'the key is in neither the execution data nor n8n\'s log': (c) => assertNoKey(c),
		},
	},
	{
		name: 'endless result image, n8n memory',
		file: 'samples/workflows/hostile-endless.json',
		sandbox: 'hostileEndless',
		memory: true,
		// 8 MB/s, so the 10 MB cap is reached after about 1.2 s of streaming, with memory sampled throughout.
		faults: [{ hostile: 'resultPaths', paths: ['endless.png?mbps=8'] }],
		checks: {
			'the download stops at Max Download Size (10 MB) with its label and URL': (c) => {
				c.eq(c.status, 'success', 'execution status (continue on fail)');
				c.eq(errorOf(c, 'Endless result').error, `Result image 1: ${imageHost(c)}/hostile/endless.png?… sent more than the 10.0 MB limit; the transfer was stopped there`, 'error');
				const sent = c.sandbox.hostileStats.endlessBytes[0];
				c.ok(sent !== undefined && sent < 10 * MB + 16 * MB, `the image host got out ${(sent / MB).toFixed(1)} MB before the connection closed`);
			},
			"n8n's memory stays within a few tens of MB of idle while the host streams": (c) => {
				// From the moment the image host saw the download until the node finished.
				const started = c.sandbox.imageRequests[0]?.startedAt;
				c.ok(started, 'the endless download started');
				const run = c.nodeRun('Endless result');
				const idle = c.memory.before(started);
				const during = c.memory.between(started, run.startTime + run.executionTime + 100);
				c.ok(idle && during.length > 0, `memory samples before (${Boolean(idle)}) and during (${during.length})`);
				const peak = Math.max(...during.map((sample) => sample.kb));
				const grew = (peak - idle.kb) / 1024;
				console.log(
					`       n8n RSS: ${(idle.kb / 1024).toFixed(0)} MB when the download started, peak ${(peak / 1024).toFixed(0)} MB in the ${run.executionTime} ms the node ran (+${grew.toFixed(1)} MB, ${during.length} samples)`,
				);
				c.ok(grew < 45, `n8n grew ${grew.toFixed(1)} MB while the host streamed an endless body (limit 45 MB: the 10 MB cap and n8n's own allocations)`);
			},
			'the key is in neither the execution data nor n8n\'s log': (c) => assertNoKey(c),
		},
	},
	// Issue 19: names that resolve inside, and one memory budget per execution.
	{
		name: 'names that resolve to loopback',
		file: 'samples/workflows/hostile-names.json',
		sandbox: 'hostileNames',
		faults: (sandbox) => [
			// 'Name to loopback, allowed': an ordinary answer.
			{},
			// 'Result redirects to a loopback name': the result URL (on the allowed image host) redirects to the name.
			{ hostile: 'resultPaths', paths: [`redirect?to=${encodeURIComponent(`http://${loopbackName()}:${new URL(sandbox.imageUrl).port}/hostile/valid.png`)}`] },
		],
		checks: {
			'this machine has a host name that resolves to 127.0.0.1': (c) => c.ok(loopbackName(), `os.hostname() resolves to loopback only (${require('os').hostname()})`),
			'every node continues with its own item': (c) => c.eq(c.status, 'success', 'execution status'),
			'an Image URL whose name resolves to 127.0.0.1 is refused with Allow Private Addresses off': (c) => {
				const name = loopbackName();
				const escaped = String(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				c.match(
					errorOf(c, 'Name to loopback').error,
					new RegExp(`^Image URL: refused http://${escaped}:\\d+/hostile/valid\\.png: ${escaped} resolved to 127\\.0\\.0\\.1, .*unless "Allow Private Addresses" is on, or the host is listed in "Private Hosts Allowed"`),
					'error',
				);
			},
			'the same URL is fetched with Allow Private Addresses on, and sent': (c) => {
				const [item] = c.items('Name to loopback, allowed');
				c.ok(!item.json.error, `no error (${item.json.error})`);
				c.eq(c.sandbox.imageRequests.filter((request) => request.path === '/hostile/valid.png').length >= 1, true, 'the image host served /hostile/valid.png');
				c.eq(c.sandbox.requests.filter((r) => r.path === '/v1/ideogram-v3/remix').length, 1, 'one remix reached the API (the refused node sent nothing)');
			},
			'a result URL that redirects to a loopback name is refused': (c) => {
				const name = String(loopbackName()).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				c.match(
					errorOf(c, 'Result redirects to a loopback name').error,
					new RegExp(`^Result image 1: refused http://${name}:\\d+/hostile/valid\\.png \\(redirected from http://127\\.0\\.0\\.1:\\d+/hostile/redirect\\?…\\): ${name} resolved to 127\\.0\\.0\\.1`),
					'error',
				);
				c.eq(c.sandbox.imageRequests.filter((request) => request.path.startsWith('/hostile/redirect')).length, 1, 'the redirect was fetched once, its target never');
			},
			'the key is in neither the execution data nor n8n\'s log': (c) => assertNoKey(c),
		},
	},
	{
		name: '40 items x 8 results from a slow result host, n8n memory',
		file: 'samples/workflows/hostile-memory.json',
		sandbox: 'hostileMemory',
		memory: true,
		// Every result streams at 4 MB/s without end; Max Download Size 2 MB stops each after about 0.5 s.
		faults: Array.from({ length: 40 }, () => ({ hostile: 'resultPaths', paths: Array.from({ length: 8 }, () => 'endless.png?mbps=4') })),
		checks: {
			'every item ends at the 2 MB cap with its own error': (c) => {
				c.eq(c.status, 'success', 'execution status (continue on fail)');
				const items = c.items('Forty by eight');
				c.eq(items.length, 40, 'output items');
				c.ok(items.every((item) => /sent more than the 2\.0 MB limit; the transfer was stopped there$/.test(item.json.error)), `every item's error names the cap (first: ${items[0]?.json.error})`);
			},
			"n8n's memory stays within 200 MB of idle: 8 transfers at once, not 320": (c) => {
				const started = c.sandbox.imageRequests[0]?.startedAt;
				c.ok(started, 'the downloads started');
				const run = c.nodeRun('Forty by eight');
				const idle = c.memory.before(started);
				const during = c.memory.between(started, run.startTime + run.executionTime + 100);
				c.ok(idle && during.length > 0, `memory samples before (${Boolean(idle)}) and during (${during.length})`);
				const peak = Math.max(...during.map((sample) => sample.kb));
				const grew = (peak - idle.kb) / 1024;
				console.log(`       n8n RSS: ${(idle.kb / 1024).toFixed(0)} MB when the downloads started, peak ${(peak / 1024).toFixed(0)} MB in the ${run.executionTime} ms the node ran (+${grew.toFixed(1)} MB)`);
				// Issue 19 measured +651 MB with a 2 MB cap: 320 downloads at once, each holding its 2 MB. The budget lets
				// 8 run (16 MB held); the rest of the growth is n8n's own and the stopped transfers' buffers, which V8
				// frees at its next collection, so the figure varies with timing: +103 to +123 MB measured on a shared
				// 2-core machine (4 runs, one with a since-dropped buffer strategy at +141 MB).
				c.ok(grew < 200, `n8n grew ${grew.toFixed(1)} MB (limit 200 MB: 8 transfers × the 2 MB cap, buffers V8 has not collected yet, n8n's own allocations; 320 at once grew 651 MB)`);
			},
			'the key is in neither the execution data nor n8n\'s log': (c) => assertNoKey(c),
		},
	},
];

module.exports = { hostileCases };
