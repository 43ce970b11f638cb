/**
 * Names that resolve inside: every URL fetched without the key goes through n8n's egress filter in enforced
 * mode. The filter here is n8n's own (SsrfProtectionService from @n8n/backend-network, default config) with a
 * resolver that maps test names to addresses, so no name leaves the machine; only loopback carries traffic.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadImage, type DownloadPolicy } from '../../nodes/Ideogram/transport/download';
import { destinationRefusal } from '../../nodes/Ideogram/transport/egress';
import { makePng } from '../support/fixtures';
import { egressFilter } from '../support/egress-filter';
import { createHarness } from '../support/harness';
import { scriptedApi } from '../support/scripted-api';

const NAMES: Record<string, string[]> = {
	'images.loopback.test': ['127.0.0.1'],
	'metadata.cgnat.test': ['100.100.100.200'],
	'mixed.test': ['93.184.216.34', '10.0.0.8'],
	'nat64.test': ['64:ff9b::7f00:1'],
	'public.test': ['93.184.216.34'],
};

function filter(blockedHostnames: string[] = []) {
	return egressFilter(NAMES, { blockedHostnames });
}

function contextWith(service: unknown, modes: string[] = []): IExecuteFunctions {
	const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'k', baseUrl: 'https://api.ideogram.ai' } });
	Object.assign(ctx.helpers, {
		getSecureEgressFilter: (mode: string) => {
			modes.push(mode);
			return service;
		},
	});
	return ctx;
}

describe('destinationRefusal', () => {
	it.each([
		['http://images.loopback.test/a.png', /^images\.loopback\.test resolved to 127\.0\.0\.1, an address n8n's SSRF protection blocks \(N8N_SSRF_BLOCKED_IP_RANGES\)/],
		// Ranges n8n's default list lacks, checked by the node on the addresses n8n's lookup returned.
		['http://metadata.cgnat.test/latest/meta-data/', /^metadata\.cgnat\.test resolved to 100\.100\.100\.200, a shared \(carrier-grade NAT\) address/],
		['http://nat64.test/a.png', /^nat64\.test resolved to 64:ff9b::7f00:1, a loopback address/],
		['http://mixed.test/a.png', /^mixed\.test resolved to 10\.0\.0\.8/],
		['http://unknown.test/a.png', /^unknown\.test could not be checked before connecting: no address was found for it$/],
	])('refuses %s, naming the host, the address and the options', async (url, expected) => {
		const modes: string[] = [];
		const refusal = await destinationRefusal(contextWith(filter().service, modes), url, {});
		expect(refusal).toMatch(expected);
		if (!/could not be checked/.test(refusal ?? '')) expect(refusal).toMatch(/unless "Allow Private Addresses" is on, or the host is listed in "Private Hosts Allowed"/);
		expect(modes).toEqual(['enforced']);
	});

	it('names a host name the operator blocked', async () => {
		const refusal = await destinationRefusal(contextWith(filter(['public.test']).service), 'https://public.test/a.png', {});
		expect(refusal).toMatch(/^public\.test is a host name n8n's SSRF protection blocks \(N8N_SSRF_BLOCKED_HOSTNAMES\)/);
	});

	it('lets a name through that resolves only to public addresses', async () => {
		expect(await destinationRefusal(contextWith(filter().service), 'https://public.test/a.png', {})).toBeUndefined();
	});

	it('does not consult the filter with Allow Private Addresses on, or for an allowed host', async () => {
		const { service, lookups } = filter();
		expect(await destinationRefusal(contextWith(service), 'http://images.loopback.test/a.png', { allowPrivateAddresses: true })).toBeUndefined();
		expect(await destinationRefusal(contextWith(service), 'http://images.loopback.test:8080/a.png', { privateHostsAllowed: [{ hostname: 'images.loopback.test' }] })).toBeUndefined();
		expect(await destinationRefusal(contextWith(service), 'http://images.loopback.test:8080/a.png', { baseUrl: 'http://images.loopback.test:8080/api' })).toBeUndefined();
		expect(lookups).toEqual([]);
	});

	it('still refuses the Base URL host on another port', async () => {
		const refusal = await destinationRefusal(contextWith(filter().service), 'http://images.loopback.test:5678/', { baseUrl: 'http://images.loopback.test:8080' });
		expect(refusal).toMatch(/resolved to 127\.0\.0\.1/);
	});

	it('checks literals only on an n8n without the egress filter', async () => {
		const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'k' } });
		expect(await destinationRefusal(ctx, 'http://images.loopback.test/a.png', {})).toBeUndefined();
		expect(await destinationRefusal(ctx, 'http://127.0.0.1/a.png', {})).toMatch(/loopback/);
	});

	// The fallbacks below are shapes of getSecureEgressFilter that n8n's history has had (docs/n8n-3.md).
	it('checks literals only when the helper exists but answers undefined (no egress filtering configured)', async () => {
		const modes: string[] = [];
		const ctx = contextWith(undefined, modes);
		expect(await destinationRefusal(ctx, 'http://images.loopback.test/a.png', {})).toBeUndefined();
		expect(await destinationRefusal(ctx, 'http://127.0.0.1/a.png', {})).toMatch(/loopback/);
		expect(modes).toEqual(['enforced']);
	});

	it("still refuses a name resolving inside when n8n hands back its passthrough filter (an n8n without 'enforced', SSRF protection off)", async () => {
		// n8n's passthroughEgressFilter: every URL valid, createSecureLookup is the plain system lookup.
		const lookedUp: string[] = [];
		const passthrough = {
			validateUrl: async () => await Promise.resolve({ ok: true as const, result: undefined }),
			createSecureLookup: () => (hostname: string, _options: { all: true }, callback: (error: Error | null, addresses: Array<{ address: string; family: number }>) => void) => {
				lookedUp.push(hostname);
				const addresses = NAMES[hostname] ?? [];
				callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
			},
			validateRedirectSync: () => undefined,
		};
		expect(await destinationRefusal(contextWith(passthrough), 'http://images.loopback.test/a.png', {})).toMatch(
			/^images\.loopback\.test resolved to 127\.0\.0\.1, a loopback address, which the node does not connect to unless "Allow Private Addresses" is on/,
		);
		expect(await destinationRefusal(contextWith(passthrough), 'http://metadata.cgnat.test/', {})).toMatch(/resolved to 100\.100\.100\.200, a shared \(carrier-grade NAT\) address/);
		expect(await destinationRefusal(contextWith(passthrough), 'https://public.test/a.png', {})).toBeUndefined();
		expect(lookedUp).toEqual(['images.loopback.test', 'metadata.cgnat.test', 'public.test']);
	});

	it("takes the filter's verdict alone from a filter without createSecureLookup", async () => {
		const blocking = { validateUrl: async () => await Promise.resolve({ ok: false as const, error: Object.assign(new Error('blocked'), { ip: '10.0.0.8' }) }) };
		expect(await destinationRefusal(contextWith(blocking), 'http://inside.test/a.png', {})).toMatch(/^inside\.test resolved to 10\.0\.0\.8, an address n8n's SSRF protection blocks/);
		const allowing = { validateUrl: async () => await Promise.resolve({ ok: true as const, result: undefined }) };
		expect(await destinationRefusal(contextWith(allowing), 'https://public.test/a.png', {})).toBeUndefined();
	});

	it('ignores a helper that answers something other than a filter', async () => {
		const { ctx } = createHarness({ parameters: {}, credentials: { apiKey: 'k' } });
		Object.assign(ctx.helpers, { getSecureEgressFilter: () => ({}) });
		expect(await destinationRefusal(ctx, 'http://images.loopback.test/a.png', {})).toBeUndefined();
		expect(await destinationRefusal(ctx, 'http://10.0.0.8/a.png', {})).toMatch(/private/);
	});

	it('gives up on a lookup that outlasts the deadline', async () => {
		const stuck = { validateUrl: async () => await new Promise(() => undefined) };
		const refusal = await destinationRefusal(contextWith(stuck), 'https://slow.test/a.png', {}, AbortSignal.timeout(50));
		expect(refusal).toBe('slow.test could not be checked before connecting: looking up its name took longer than the Timeout');
	});
});

describe('downloadImage with the egress filter', () => {
	let server: Awaited<ReturnType<typeof scriptedApi>> | undefined;
	afterEach(async () => await server?.close());

	const policy = (extra: Partial<DownloadPolicy> = {}): DownloadPolicy => ({
		timeoutMs: 5000,
		maxBytes: 1024 * 1024,
		allowPrivateAddresses: false,
		credential: async () => ({ baseUrl: 'https://api.ideogram.ai', secrets: ['egress-test-key'] }),
		...extra,
	});

	it('refuses a redirect hop to a name that resolves to loopback; nothing is fetched from it', async () => {
		server = await scriptedApi([{ status: 302, raw: '', headers: { location: 'http://images.loopback.test:9/a.png' } }]);
		const { port } = new URL(server.baseUrl);
		const ctx = contextWith(filter().service);
		await expect(
			downloadImage(ctx, `${server.baseUrl}/start.png`, 'Result image 1', 0, policy({ privateHostsAllowed: [{ hostname: '127.0.0.1', port }] })),
		).rejects.toMatchObject({
			message: expect.stringMatching(/^Result image 1: refused http:\/\/images\.loopback\.test:9\/a\.png \(redirected from http:\/\/127\.0\.0\.1:\d+\/start\.png\): images\.loopback\.test resolved to 127\.0\.0\.1/),
		});
		expect(server.seen).toHaveLength(1);
	});

	it('fetches from loopback with Allow Private Addresses on', async () => {
		server = await scriptedApi([{ status: 200, raw: makePng(2, 2, [1, 2, 3]), headers: { 'content-type': 'image/png' } }]);
		const url = server.baseUrl.replace('127.0.0.1', 'localhost');
		const image = await downloadImage(contextWith(filter().service), `${url}/a.png`, 'Image URL', 0, policy({ allowPrivateAddresses: true }));
		expect(image.info).toMatchObject({ format: 'png', width: 2, height: 2 });
	});
});
