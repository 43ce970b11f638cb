'use strict';
/**
 * n8n's own egress filter (SsrfProtectionService from @n8n/backend-network, with @n8n/config's default SSRF
 * settings) over a resolver that maps test names to addresses: names that "resolve inside" without any name
 * leaving the machine. `names`: host name → addresses; any other name is not found.
 */
const { SsrfProtectionService } = require('@n8n/backend-network');
const { SsrfProtectionConfig } = require('@n8n/config');

function egressFilter(names, settings = {}) {
	const config = Object.assign(new SsrfProtectionConfig(), settings);
	const lookups = [];
	const resolver = {
		lookup: async (hostname) => {
			lookups.push(hostname);
			const addresses = names[hostname];
			if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
			return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
		},
	};
	const logger = { scoped: () => logger, warn: () => undefined, debug: () => undefined, info: () => undefined, error: () => undefined };
	return { service: new SsrfProtectionService(config, resolver, logger), lookups };
}

module.exports = { egressFilter };
