/** n8n's own SSRF refusal (N8N_SSRF_PROTECTION_ENABLED) is named as such, for API requests and downloads. */
import { SsrfBlockedHostnameError, SsrfBlockedIpError } from '@n8n/backend-network';
import { NodeApiError, type JsonObject } from 'n8n-workflow';

import { downloadImage } from '../../nodes/Ideogram/transport/download';
import { apiRequest } from '../../nodes/Ideogram/transport/request';
import { createHarness } from '../support/harness';

function refusingContext(error: () => Error) {
	const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'ssrf-test-key', baseUrl: 'http://user:pw@10.0.0.4:8080/ideogram', authHeader: 'apiKey' } });
	let calls = 0;
	Object.assign(ctx.helpers, {
		httpRequest: async () => {
			calls++;
			throw error();
		},
		// As n8n does: the authenticated helper wraps a transport error in a NodeApiError.
		httpRequestWithAuthentication: async () => {
			calls++;
			throw new NodeApiError(ctx.getNode(), error() as unknown as JsonObject);
		},
	});
	return { ctx, calls: () => calls };
}

const POLICY = { timeoutMs: 5000, maxRetries: 3, retryAfterPossiblyBilled: true, taskTimeoutMs: 10_000 };

describe("n8n's SSRF refusal", () => {
	it('for an API request: named, with the address, never retried, the Base URL without userinfo', async () => {
		const { ctx, calls } = refusingContext(() => new SsrfBlockedIpError('10.0.0.4'));
		await expect(apiRequest(ctx, { method: 'POST', path: '/v1/x', itemIndex: 0, policy: POLICY })).rejects.toMatchObject({
			message: "n8n's SSRF protection refused the Ideogram API at http://10.0.0.4:8080/ideogram (it resolves to 10.0.0.4), see N8N_SSRF_ALLOWED_HOSTNAMES",
			description: expect.stringContaining('never sent'),
		});
		expect(calls()).toBe(1);
	});

	it('for a download: named instead of "connection failed (no error code)"', async () => {
		const { ctx } = refusingContext(() => new SsrfBlockedHostnameError('images.example.com'));
		await expect(
			downloadImage(ctx, 'https://images.example.com/a.png?sig=1', 'Result image 1', 0, {
				timeoutMs: 5000,
				maxBytes: 1024,
				allowPrivateAddresses: true,
				credential: async () => ({ baseUrl: 'https://api.ideogram.ai', secrets: ['ssrf-test-key'] }),
			}),
		).rejects.toMatchObject({
			message: "Result image 1: n8n's SSRF protection refused https://images.example.com/a.png?…, see N8N_SSRF_ALLOWED_HOSTNAMES and N8N_SSRF_ALLOWED_IP_RANGES; nothing was fetched",
		});
	});
});
