/**
 * Refuses URLs whose host is literally a private address, before anything connects: an image URL an AI agent
 * filled in, or a result URL in an answer, must not make n8n fetch from its own machine, its network or a
 * cloud metadata service. Only the URL is looked at here (no DNS): a name that resolves to a private
 * address is checked through n8n's egress filter (transport/egress.ts).
 */

export type PrivateAddressKind = 'loopback' | 'unspecified' | 'private network' | 'link-local' | 'shared (carrier-grade NAT)' | 'reserved';

/** The option (display name) that allows private addresses; error messages name it. */
export const ALLOW_PRIVATE_ADDRESSES_OPTION = 'Allow Private Addresses';

function ipv4Kind(octets: number[]): PrivateAddressKind | undefined {
	const [a, b, c] = octets;
	if (a === 127) return 'loopback';
	// 0.0.0.0/8: "this network"; connecting to 0.0.0.0 reaches the local machine.
	if (a === 0) return 'unspecified';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private network';
	if (a === 169 && b === 254) return 'link-local';
	// 100.64.0.0/10: shared address space behind carrier-grade NAT; some clouds put their metadata service there.
	if (a === 100 && b >= 64 && b <= 127) return 'shared (carrier-grade NAT)';
	// 198.18.0.0/15 (benchmarking networks) and 192.0.0.0/24 (IETF protocol assignments): never public hosts.
	if ((a === 198 && (b === 18 || b === 19)) || (a === 192 && b === 0 && c === 0)) return 'reserved';
	return undefined;
}

function parseIpv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
	return parts.map(Number);
}

/** The eight 16-bit groups of an IPv6 address (with or without a dotted IPv4 tail); undefined if it is not one. */
function parseIpv6(text: string): number[] | undefined {
	let address = text.toLowerCase();
	const tail: number[] = [];
	const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
	if (dotted) {
		const octets = parseIpv4(dotted[2]);
		if (!octets) return undefined;
		tail.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
		address = dotted[1].endsWith('::') ? dotted[1] : dotted[1].slice(0, -1);
	}
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const groups = (half: string) => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0]);
	const rest = halves.length === 2 ? groups(halves[1]) : [];
	if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
	const missing = 8 - head.length - rest.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	return [...head.map((g) => parseInt(g, 16)), ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest.map((g) => parseInt(g, 16)), ...tail];
}

/** The IPv4 address in two 16-bit groups. */
function embeddedIpv4(high: number, low: number): number[] {
	return [high >> 8, high & 0xff, low >> 8, low & 0xff];
}

function ipv6Kind(groups: number[]): PrivateAddressKind | undefined {
	const upperZero = groups.slice(0, 5).every((group) => group === 0);
	if (upperZero && groups[5] === 0 && groups[6] === 0) {
		if (groups[7] === 0) return 'unspecified';
		if (groups[7] === 1) return 'loopback';
	}
	// Forms that carry an IPv4 address, which is what a connection reaches in the end: IPv4-mapped
	// (::ffff:a.b.c.d), the deprecated IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d),
	// NAT64's well-known prefix (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
	if (upperZero && (groups[5] === 0xffff || groups[5] === 0)) return ipv4Kind(embeddedIpv4(groups[6], groups[7]));
	if (groups.slice(0, 4).every((group) => group === 0) && groups[4] === 0xffff && groups[5] === 0) return ipv4Kind(embeddedIpv4(groups[6], groups[7]));
	if (groups[0] === 0x64 && groups[1] === 0xff9b) {
		if (groups.slice(2, 6).every((group) => group === 0)) return ipv4Kind(embeddedIpv4(groups[6], groups[7]));
		// 64:ff9b:1::/48 is for NAT64 inside one network (RFC 8215): private whatever it embeds.
		if (groups[2] === 1) return 'private network';
	}
	if (groups[0] === 0x2002) return ipv4Kind(embeddedIpv4(groups[1], groups[2]));
	// Teredo (2001:0::/32) carries the client's IPv4 address inverted in its last 32 bits.
	if (groups[0] === 0x2001 && groups[1] === 0) return ipv4Kind(embeddedIpv4(groups[6] ^ 0xffff, groups[7] ^ 0xffff));
	if ((groups[0] & 0xfe00) === 0xfc00) return 'private network';
	if ((groups[0] & 0xffc0) === 0xfe80) return 'link-local';
	return undefined;
}

/**
 * What kind of private address a URL's host is, if it is one: a literal IPv4 or IPv6 address in a private
 * range, or `localhost` / `*.localhost`. Host names are otherwise not resolved.
 */
export function privateAddressKind(hostname: string): PrivateAddressKind | undefined {
	if (hostname === '') return undefined;
	const host = hostname.toLowerCase().replace(/\.+$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
	if (host.startsWith('[') && host.endsWith(']')) {
		const groups = parseIpv6(host.slice(1, -1));
		return groups ? ipv6Kind(groups) : undefined;
	}
	const octets = parseIpv4(host);
	if (octets) return ipv4Kind(octets);
	const groups = host.includes(':') ? parseIpv6(host) : undefined;
	return groups ? ipv6Kind(groups) : undefined;
}

/** The option (display name) that lists private hosts image URLs may reach; error messages name it. */
export const PRIVATE_HOSTS_ALLOWED_OPTION = 'Private Hosts Allowed';

/** One entry of "Private Hosts Allowed": a host as the URL parser spells it, and a port when the entry gives one. */
export interface AllowedHost {
	hostname: string;
	port?: string;
}

/** A host as the URL parser spells it (lower case, IPv4 in dotted decimal, IPv6 in brackets), or undefined. */
function normalHostname(host: string): string | undefined {
	try {
		const url = new URL(`http://${host}`);
		return url.pathname === '/' && url.username === '' && url.password === '' && url.port === '' ? url.hostname.replace(/\.+$/, '') : undefined;
	} catch {
		return undefined;
	}
}

/**
 * "Private Hosts Allowed" as entries: comma-separated `host`, `host:port`, `[v6]`, `[v6]:port` or a bare
 * IPv6 address. Returns the entry that is none of these when there is one, so the caller can name it.
 */
export function parsePrivateHosts(text: unknown): { hosts: AllowedHost[] } | { invalid: string } {
	const hosts: AllowedHost[] = [];
	for (const entry of (typeof text === 'string' ? text : '').split(',').map((part) => part.trim()).filter((part) => part !== '')) {
		const bracketed = /^(\[[^\]]+\])(?::(\d{1,5}))?$/.exec(entry);
		const named = /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(entry);
		const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : named ? [named[1], named[2]] : entry.includes('::') || entry.split(':').length > 2 ? [`[${entry}]`, undefined] : [entry, undefined];
		const hostname = normalHostname(host);
		if (hostname === undefined || hostname === '' || (port !== undefined && Number(port) > 65535)) return { invalid: entry };
		hosts.push(port === undefined ? { hostname } : { hostname, port: String(Number(port)) });
	}
	return { hosts };
}

function parseUrl(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** The port a URL connects to, the scheme's default filled in. */
function effectivePort(url: URL): string {
	return url.port || (url.protocol === 'https:' ? '443' : '80');
}

function sameHost(a: string, b: string): boolean {
	return a.toLowerCase().replace(/\.+$/, '') === b.toLowerCase().replace(/\.+$/, '');
}

export interface AddressPolicy {
	/** The node's "Allow Private Addresses" option. */
	allowPrivateAddresses?: boolean;
	/** The credential's Base URL: its own host and port are allowed (the API, a sandbox, a gateway). */
	baseUrl?: string;
	/** The "Private Hosts Allowed" option, parsed: hosts (on any port, or the port given) allowed too. */
	privateHostsAllowed?: AllowedHost[];
}

/**
 * Whether the URL's host is one the node may reach whatever it is: the Base URL's own host and port, or
 * a host listed in "Private Hosts Allowed". Nothing else is vouched for by them: a Base URL on 10.0.0.4
 * does not open 10.0.0.5, a loopback Base URL does not open n8n's own port.
 */
export function isAllowedHost(url: string, policy: AddressPolicy): boolean {
	const target = parseUrl(url);
	if (!target) return false;
	const base = policy.baseUrl !== undefined ? parseUrl(policy.baseUrl) : undefined;
	if (base && sameHost(base.hostname, target.hostname) && effectivePort(base) === effectivePort(target)) return true;
	return (policy.privateHostsAllowed ?? []).some(
		(allowed) => sameHost(allowed.hostname, target.hostname) && (allowed.port === undefined || allowed.port === effectivePort(target)),
	);
}

/** How an error names the ways to let a private address through. */
export const PRIVATE_ADDRESS_OPTIONS = `"${ALLOW_PRIVATE_ADDRESSES_OPTION}" is on, or the host is listed in "${PRIVATE_HOSTS_ALLOWED_OPTION}" (in the node's options)`;

/**
 * Why the node will not connect to this URL, or undefined when it may. The URL is parsed the way the HTTP
 * client parses it (WHATWG URL), so 2130706433, 0x7f.1 and [::ffff:127.0.0.1] are all seen as 127.0.0.1.
 * Loopback, unspecified, private-network, link-local, shared and reserved addresses (see the kinds above)
 * are refused unless the option is on, or the host is allowed (isAllowedHost).
 */
export function privateAddressRefusal(url: string, policy: AddressPolicy = {}): string | undefined {
	if (policy.allowPrivateAddresses) return undefined;
	const target = parseUrl(url);
	if (target === undefined) return undefined;
	const kind = privateAddressKind(target.hostname);
	if (!kind || isAllowedHost(url, policy)) return undefined;
	return `${target.hostname} is ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address, which the node does not connect to unless ${PRIVATE_ADDRESS_OPTIONS}`;
}
