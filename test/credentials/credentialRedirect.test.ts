/** The credential test sends the key to the Base URL only: a redirect is reported, not followed. */
import { httpRequest } from '@n8n/backend-network/testing';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { IdeogramApi } from '../../credentials/IdeogramApi.credentials';
import { scriptedApi } from '../support/scripted-api';

const KEY = ['redirect', 'test', 'key'].join('-');

describe('credential test against a Base URL that redirects', () => {
	let servers: Array<Awaited<ReturnType<typeof scriptedApi>>> = [];
	afterEach(async () => {
		await Promise.all(servers.map(async (server) => await server.close()));
		servers = [];
	});

	it.each([301, 302, 303, 307, 308])('HTTP %i: the target sees nothing, the test names the redirect', async (status) => {
		const target = await scriptedApi([{ status: 200, body: {} }]);
		const gateway = await scriptedApi([{ status, raw: '', headers: { location: `${target.baseUrl}/steal` } }]);
		servers.push(target, gateway);
		const credential = new IdeogramApi();
		const { request, rules } = credential.test;
		const options = await credential.authenticate({ apiKey: KEY, authHeader: 'apiKey' }, { ...(request as IHttpRequestOptions), baseURL: gateway.baseUrl, url: request.url as string });
		// Sent the way n8n's credential tester sends it: n8n's own HTTP function, every option of the test request.
		const outcome = await httpRequest(options).then(
			() => 'OK',
			(error: { response?: { status: number } }) => rules?.find((rule) => rule.type === 'responseCode' && rule.properties.value === error.response?.status)?.properties.message,
		);
		expect(outcome).toBe(`The Base URL answered with a redirect (HTTP ${status}); the key was not sent on. Point the Base URL straight at the API (for a gateway, its full address with any path prefix).`);
		expect(gateway.seen).toHaveLength(1);
		expect(target.seen).toHaveLength(0);
	});
});
