import { httpRequest } from '@n8n/backend-network/testing';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { IdeogramApi } from '../../credentials/IdeogramApi.credentials';
import { useSandbox } from '../support/fixtures';

const KEY = 'credential-test-key';
const credential = new IdeogramApi();
const sandbox = useSandbox(KEY);

/**
 * Runs the credential's test request the way n8n's credential tester does: the request from `test`, the
 * headers from `authenticate()`, n8n's HTTP function; a thrown error is a failed test. The base URL
 * expression is evaluated by hand (n8n's expression engine needs a native module that is not built here);
 * the end-to-end suite runs the real tester.
 */
async function runCredentialTest(data: Record<string, string>): Promise<'OK' | string> {
	const { request, rules } = credential.test;
	expect(request.baseURL).toBe('={{String($credentials.baseUrl || "https://api.ideogram.ai").replace(/\\/+$/, "")}}');
	const baseURL = String(data.baseUrl || 'https://api.ideogram.ai').replace(/\/+$/, '');
	const options = await credential.authenticate(data, { ...(request as IHttpRequestOptions), baseURL, url: request.url as string });
	try {
		await httpRequest(options);
		return 'OK';
	} catch (error) {
		const status = (error as { response?: { status: number } }).response?.status;
		const rule = (rules ?? []).find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === status);
		return rule ? rule.properties.message : `HTTP ${status}`;
	}
}

describe('credential test', () => {
	it('reports a right key as working, without generating anything', async () => {
		expect(await runCredentialTest({ apiKey: KEY, baseUrl: `${sandbox.apiUrl}/`, authHeader: 'apiKey' })).toBe('OK');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ method: 'POST', path: '/v1/ideogram-v3/generate', auth: 'apiKey' });
		expect(sandbox.requests[0].status).toBeGreaterThanOrEqual(400);
		expect(sandbox.imageRequests).toHaveLength(0);
	});

	it('reports a wrong key as refused', async () => {
		expect(await runCredentialTest({ apiKey: 'wrong', baseUrl: sandbox.apiUrl, authHeader: 'apiKey' })).toContain('The API key was refused (HTTP 401)');
	});

	it('works for a gateway prefix with a Bearer key, and refuses a wrong one', async () => {
		expect(await runCredentialTest({ apiKey: KEY, baseUrl: `${sandbox.apiUrl}/ideogram`, authHeader: 'bearer' })).toBe('OK');
		expect(sandbox.requests[0]).toMatchObject({ path: '/ideogram/v1/ideogram-v3/generate', auth: 'bearer' });
		expect(await runCredentialTest({ apiKey: 'wrong', baseUrl: `${sandbox.apiUrl}/ideogram`, authHeader: 'bearer' })).toContain('refused');
	});
});

describe('authenticate', () => {
	it('adds the key header and keeps the headers already set (the multipart boundary survives)', async () => {
		const headers = { 'Content-Type': 'multipart/form-data; boundary=abc', Accept: 'application/json' };
		expect((await credential.authenticate({ apiKey: 'k1', authHeader: 'apiKey' }, { url: '/x', headers })).headers).toEqual({ ...headers, 'Api-Key': 'k1' });
		expect((await credential.authenticate({ apiKey: 'k2', authHeader: 'bearer' }, { url: '/x', headers })).headers).toEqual({ ...headers, Authorization: 'Bearer k2' });
	});
});
