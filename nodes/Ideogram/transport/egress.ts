/**
 * Whether the node may connect to a URL it fetches without the API key (input images, masks, references,
 * result images, and every redirect hop of them). The literal check (addressGuard.ts) sees only what the
 * URL spells; a host name can still resolve to 127.0.0.1 or 169.254.169.254. n8n (from 2.33 on) offers its
 * egress filter to nodes: in enforced mode it resolves the name and checks every address against n8n's
 * block list and the operator's N8N_SSRF_* settings, whether or not SSRF protection is on for the rest of
 * n8n. The node may not resolve names itself, so on an older n8n only the literal check applies.
 *
 * The addresses the name resolved to (through the filter's own lookup) are also checked against the node's
 * list, which has ranges n8n's default list lacks (100.64.0.0/10, NAT64, 6to4, Teredo).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { isAllowedHost, privateAddressKind, privateAddressRefusal, PRIVATE_ADDRESS_OPTIONS, type AddressPolicy } from './addressGuard';
import { errorCode } from './httpResponse';

type Outcome = { ok: true } | { ok: false; error: unknown };

interface ResolvedAddress {
	address: string;
	family?: number;
}

/** The part of n8n-workflow's NodeEgressFilter this module uses. */
interface EgressFilter {
	validateUrl(url: string): Promise<Outcome>;
	createSecureLookup?(): (hostname: string, options: { all: true }, callback: (error: Error | null, addresses: ResolvedAddress[] | string) => void) => void;
}

/**
 * n8n's egress filter in enforced mode, or undefined on an n8n that has none (before 2.33) or answers none.
 * An n8n that does not know 'enforced' treats it as its default and, with SSRF protection off, hands back its
 * passthrough filter (every URL valid, the system's lookup): the node's own list still applies to the
 * addresses that lookup returns. Which shapes n8n has had: docs/n8n-3.md.
 */
export function egressFilterOf(ctx: IExecuteFunctions): EgressFilter | undefined {
	const helpers = ctx.helpers as { getSecureEgressFilter?: (policy: 'enforced') => unknown };
	if (typeof helpers.getSecureEgressFilter !== 'function') return undefined;
	const filter = helpers.getSecureEgressFilter('enforced') as EgressFilter | undefined;
	return filter && typeof filter.validateUrl === 'function' ? filter : undefined;
}

function isIpLiteral(hostname: string): boolean {
	return hostname.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname);
}

function article(kind: string): string {
	return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

/** Words for a lookup that failed, without the error code in them (n8n rewrites messages holding codes). */
const LOOKUP_FAILURES: Record<string, string> = {
	ENOTFOUND: 'no address was found for it',
	EAI_AGAIN: 'the name lookup failed',
	ENODATA: 'no address was found for it',
};

/** Why the filter refused, naming the host, the address and what lets it through. */
function filterRefusal(hostname: string, error: unknown): string {
	const { ip, name } = (error ?? {}) as { ip?: unknown; name?: unknown };
	if (typeof ip === 'string') {
		return `${hostname} resolved to ${ip}, an address n8n's SSRF protection blocks (N8N_SSRF_BLOCKED_IP_RANGES), which the node does not connect to unless ${PRIVATE_ADDRESS_OPTIONS}`;
	}
	if (name === 'SsrfBlockedHostnameError') {
		return `${hostname} is a host name n8n's SSRF protection blocks (N8N_SSRF_BLOCKED_HOSTNAMES), which the node does not connect to unless ${PRIVATE_ADDRESS_OPTIONS}`;
	}
	const code = errorCode(error);
	return `${hostname} could not be checked before connecting: ${(code && LOOKUP_FAILURES[code]) ?? 'its name could not be resolved'}`;
}

/** Resolves with the outcome, or with undefined once the signal aborts (the download's deadline). */
async function beforeAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
	if (!signal) return await promise;
	if (signal.aborted) return undefined;
	let onAbort: () => void = () => undefined;
	const aborted = new Promise<undefined>((resolve) => {
		onAbort = () => resolve(undefined);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/** The addresses the name resolves to, through the filter's secure lookup (which checks them too). */
async function resolvedAddresses(filter: EgressFilter, hostname: string): Promise<{ addresses: ResolvedAddress[] } | { error: unknown }> {
	const lookup = filter.createSecureLookup?.();
	if (!lookup) return { addresses: [] };
	return await new Promise((resolve) => {
		lookup(hostname, { all: true }, (error, addresses) => {
			if (error) resolve({ error });
			else resolve({ addresses: Array.isArray(addresses) ? addresses : [{ address: addresses }] });
		});
	});
}

/**
 * Why the node will not fetch this URL, or undefined when it may: the literal check first, then (unless
 * Allow Private Addresses is on, or the host is allowed) n8n's egress filter and the node's own list on
 * every address the name resolves to. `signal` bounds the lookup (the download's deadline).
 */
export async function destinationRefusal(ctx: IExecuteFunctions, url: string, policy: AddressPolicy, signal?: AbortSignal): Promise<string | undefined> {
	const literal = privateAddressRefusal(url, policy);
	if (literal) return literal;
	if (policy.allowPrivateAddresses || isAllowedHost(url, policy)) return undefined;
	const filter = egressFilterOf(ctx);
	if (!filter) return undefined;
	const { hostname } = new URL(url);
	const timedOut = `${hostname} could not be checked before connecting: looking up its name took longer than the Timeout`;
	// n8n's validateUrl rejects (rather than answering not ok) when the name does not resolve.
	const validated = filter.validateUrl(url).catch((error: unknown): Outcome => ({ ok: false, error }));
	const checked = await beforeAbort(validated, signal);
	if (!checked) return timedOut;
	if (!checked.ok) return filterRefusal(hostname, checked.error);
	if (isIpLiteral(hostname)) return undefined;
	const resolved = await beforeAbort(resolvedAddresses(filter, hostname), signal);
	if (!resolved) return timedOut;
	if ('error' in resolved) return filterRefusal(hostname, resolved.error);
	for (const { address } of resolved.addresses) {
		const kind = privateAddressKind(address);
		if (kind) return `${hostname} resolved to ${address}, ${article(kind)} ${kind} address, which the node does not connect to unless ${PRIVATE_ADDRESS_OPTIONS}`;
	}
	return undefined;
}
