'use strict';
/**
 * The credential test in a real n8n: `dev/e2e.js` starts `n8n start` once, logs in as the owner and
 * calls `POST /rest/credentials/test` (what the editor calls when a credential is saved or retried) with
 * the `ideogramApi` data pointing at a sandbox, once with the right key and once with a wrong one.
 *
 * The credential's test request is an empty POST to /v1/ideogram-v3/generate with
 * `ignoreHttpStatusErrors: { ignore: true, except: [401, 403] }`: the right key gets 400 (no prompt) from
 * the API, which must count as success; a wrong key gets 401, which must fail with the "refused" message.
 *
 * A check receives `c`: c.response ({status, json, text} of the REST call), c.result (its `data`),
 * c.requests (what the sandbox's API port received during this test), c.imageRequests (its image port),
 * c.apiPrefix ('' or '/ideogram'), c.authHeader, and c.eq / c.ok / c.match.
 */

/** Stored credentials the tests run against (e2e.js imports them with the workflows' credentials). */
const CREDENTIAL_TEST_STYLES = [
	{ key: 'official', id: 'e2eCredTestOff1', name: 'Ideogram e2e credential test (official)', path: '', authHeader: 'apiKey' },
	{ key: 'gateway', id: 'e2eCredTestGwy1', name: 'Ideogram e2e credential test (gateway, Bearer)', path: '/ideogram', authHeader: 'bearer' },
];

/**
 * `times`: how often n8n sends the test request. n8n 2.40.7 sends it again after a 401: its
 * httpRequestWithAuthentication (n8n-core request-helpers/authentication.js) treats any 401 as an expired
 * token, calls preAuthentication (a no-op for this credential) and repeats the request once. Harmless here
 * (a 401 generates nothing), but it is why the wrong-key test shows two requests.
 */
function sentTheTestRequest(c, expectedStatus, times) {
	const expected = { method: 'POST', path: `${c.apiPrefix}/v1/ideogram-v3/generate`, auth: c.authHeader, status: expectedStatus };
	c.eq(
		c.requests.map((r) => ({ method: r.method, path: r.path, auth: r.auth, status: r.status })),
		Array.from({ length: times }, () => expected),
		`the sandbox received the test request ${times === 1 ? 'once' : `${times} times`}`,
	);
	for (const request of c.requests) {
		if (c.authHeader === 'bearer') {
			c.match(request.headers.authorization ?? '', /^Bearer /, 'Authorization header');
			c.eq(request.headers['api-key'], undefined, 'no Api-Key header');
		} else {
			c.ok(request.headers['api-key'] !== undefined, 'Api-Key header sent');
			c.eq(request.headers.authorization, undefined, 'no Authorization header');
		}
		c.eq([request.fields, request.files], [{}, {}], 'an empty body');
	}
	c.eq(c.imageRequests.length, 0, 'image-port requests (nothing generated or downloaded)');
}

const credentialTests = [];
for (const style of CREDENTIAL_TEST_STYLES) {
	const label = style.path ? 'gateway prefix with Bearer' : 'official API with Api-Key';
	credentialTests.push(
		{
			name: `credential test, ${label}, right key`,
			style,
			apiKey: 'sandbox-key',
			checks: {
				'n8n reports success (status OK)': (c) => {
					c.eq(c.response.status, 200, `HTTP status of POST /rest/credentials/test (body ${c.response.text.slice(0, 300)})`);
					c.eq(c.result?.status, 'OK', `result (n8n answered ${JSON.stringify(c.result)})`);
				},
				'the API saw one empty generate request and answered 400, nothing was generated': (c) => {
					sentTheTestRequest(c, 400, 1);
					c.eq(c.requests[0].headers[c.authHeader === 'bearer' ? 'authorization' : 'api-key'], c.authHeader === 'bearer' ? 'Bearer sandbox-key' : 'sandbox-key', 'the key sent');
				},
			},
		},
		{
			name: `credential test, ${label}, wrong key`,
			style,
			apiKey: 'not-the-key',
			checks: {
				'n8n reports an error that says the key was refused': (c) => {
					c.eq(c.response.status, 200, `HTTP status of POST /rest/credentials/test (body ${c.response.text.slice(0, 300)})`);
					c.eq(c.result?.status, 'Error', `result status (n8n answered ${JSON.stringify(c.result)})`);
					c.match(c.result?.message ?? '', /refused/, 'message');
					c.ok(!String(c.result?.message).includes('not-the-key'), 'the key is not echoed');
				},
				// Twice: n8n repeats a request that got 401 once (see sentTheTestRequest).
				'the API saw the generate request (sent twice by n8n) and answered 401, nothing was generated': (c) => sentTheTestRequest(c, 401, 2),
			},
		},
	);
}

module.exports = { CREDENTIAL_TEST_STYLES, credentialTests };
