'use strict';
/**
 * n8n's REST API as the editor uses it, for the suites that drive an n8n over HTTP (queue-mode.js, and e2e.js
 * with --n8n-url): a logged-in session, creating credentials and workflows, running a workflow as the
 * "Execute workflow" button does, reading an execution and its binary files back, and asking whether this
 * package is loaded.
 */
const crypto = require('crypto');
const flatted = require('flatted');

const { sleep } = require('./process');

/**
 * A REST session with n8n as the editor holds one: a fixed browser-id and, after login() as the owner, the
 * auth cookie. request() resolves { status, headers, bytes, text, json } (json undefined when not JSON); json()
 * resolves the answer's JSON and throws on any status but 2xx.
 */
function restSession(url) {
	const browserId = crypto.randomUUID();
	let cookie = '';
	async function request(method, route, body) {
		const send = () =>
			fetch(`${url}${route}`, {
				method,
				headers: { 'content-type': 'application/json', 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		let response;
		try {
			response = await send();
		} catch (error) {
			// A kept-alive connection n8n closed while idle fails before the request reaches it: send it once more.
			if (error.cause?.code !== 'UND_ERR_SOCKET') throw new Error(`${method} ${url}${route}: ${error.cause?.code ?? error.message}`);
			response = await send();
		}
		const bytes = Buffer.from(await response.arrayBuffer());
		const text = bytes.toString('utf8');
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, bytes, text, json };
	}
	async function login({ email, password }) {
		const response = await request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
		if (response.status !== 200) throw new Error(`POST /rest/login answered ${response.status}: ${response.text.slice(0, 500)}`);
		const setCookie = response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''];
		cookie = setCookie.map((value) => value.split(';')[0]).filter(Boolean).join('; ');
		if (!/n8n-auth=/.test(cookie)) throw new Error(`POST /rest/login set no n8n-auth cookie (set-cookie: ${JSON.stringify(setCookie)})`);
		return response.json?.data;
	}
	async function json(method, route, body) {
		const response = await request(method, route, body);
		if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${route} answered ${response.status}: ${response.text.slice(0, 500)}`);
		return response.json;
	}
	return { url, request, json, login };
}

/** Starts a workflow as the editor's "Execute workflow" button does; resolves the execution id. */
async function startExecution(session, workflowId, triggerName) {
	const answer = await session.json('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
	const executionId = answer.data?.executionId;
	if (!executionId) throw new Error(`POST /rest/workflows/${workflowId}/run gave no executionId: ${JSON.stringify(answer).slice(0, 300)}`);
	return executionId;
}

/** Polls an execution until it has finished; resolves it with its run data parsed (n8n sends it "flatted"). */
async function waitForExecution(session, executionId, { timeoutMs = 300000, intervalMs = 200 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = (await session.json('GET', `/rest/executions/${executionId}`)).data;
		if (execution && ['success', 'error', 'crashed', 'canceled'].includes(execution.status) && execution.stoppedAt) {
			return { ...execution, data: typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data };
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} still "${execution?.status}" after ${timeoutMs / 1000} s`);
		await sleep(intervalMs);
	}
}

/** A stored binary file as the editor downloads it: {status, contentType, bytes}. */
async function downloadBinary(session, binaryId) {
	const response = await session.request('GET', `/rest/binary-data?id=${encodeURIComponent(binaryId)}&action=download`);
	return { status: response.status, contentType: response.headers.get('content-type'), bytes: response.bytes };
}

/** Every binary file an execution's run data refers to (on items, or in their JSON in combined mode), by id. */
function binariesOf(execution) {
	const found = new Map();
	for (const runs of Object.values(execution?.data?.resultData?.runData ?? {})) {
		for (const run of runs ?? []) {
			for (const output of Object.values(run.data ?? {})) {
				for (const items of output ?? []) {
					for (const item of items ?? []) {
						// In n8n's combined binary mode the files are in the item's JSON, at _files.<name>.
						for (const binary of [...Object.values(item?.binary ?? {}), ...Object.values(item?.json?._files ?? {})]) {
							if (binary?.id) found.set(binary.id, binary);
						}
					}
				}
			}
		}
	}
	return found;
}

/**
 * Whether an n8n has this package loaded, at this version: its Community Nodes list when the package is there
 * (installed from the panel), else the node types it serves to the editor, compared with the built node's
 * description (installed by unpacking into ~/.n8n/nodes, as in a container). Resolves a sentence saying how it
 * knows; throws one saying what is wrong and how to install it.
 */
async function checkPackageLoaded(session, { packageName, version, nodeType, description }) {
	const install = `Install it there: Settings → Community Nodes → Install → ${packageName}; or unpack \`npm pack\`'s tarball into that n8n's ~/.n8n/nodes/node_modules/${packageName} (docker/ does this) and restart it.`;
	const packages = await session.request('GET', '/rest/community-packages');
	const listed = packages.status === 200 ? (packages.json?.data ?? []).find((p) => p.packageName === packageName) : undefined;
	if (listed) {
		if (listed.installedVersion !== version) throw new Error(`that n8n has ${packageName} ${listed.installedVersion}, this checkout is ${version}. ${install}`);
		return `Community Nodes lists ${packageName} ${listed.installedVersion}`;
	}
	const loaded = await session.json('POST', '/rest/node-types', { nodeInfos: [{ name: nodeType, version: description.defaultVersion }] }).catch(() => undefined);
	const served = loaded?.data?.[0];
	if (!served) throw new Error(`that n8n has no node ${nodeType} (version ${description.defaultVersion}) loaded. ${install}`);
	const shape = (d) => JSON.stringify({ version: d.version, defaultVersion: d.defaultVersion, properties: (d.properties ?? []).map((p) => [p.name, p.type, p.default]) });
	if (shape(served) !== shape(description)) {
		throw new Error(`that n8n loads a ${nodeType} whose description differs from this checkout's build (another version of ${packageName}). ${install}`);
	}
	return `${nodeType} is loaded (from ~/.n8n/nodes) and describes itself as this checkout's build does`;
}

/**
 * What a run creates in an n8n it does not own, so it can remove it again: credentials and workflows created
 * over REST, with the ids n8n gave them.
 */
function createdResources(session) {
	const credentials = [];
	const workflows = [];
	return {
		async credential({ name, type, data }) {
			const created = (await session.json('POST', '/rest/credentials', { name, type, data })).data;
			credentials.push(created.id);
			return created.id;
		},
		async workflow(workflow) {
			// n8n gives it an id of its own; the file's id may exist there already.
			const body = { ...workflow, active: false };
			delete body.id;
			const created = (await session.json('POST', '/rest/workflows', body)).data;
			workflows.push(created.id);
			return created.id;
		},
		/** Deletes what was created (a workflow is archived first, as n8n 2 requires). Resolves the failures. */
		async remove() {
			const problems = [];
			for (const id of workflows) {
				const archived = await session.request('POST', `/rest/workflows/${id}/archive`);
				const deleted = await session.request('DELETE', `/rest/workflows/${id}`);
				if (deleted.status >= 300) problems.push(`workflow ${id}: archive ${archived.status}, delete ${deleted.status}`);
			}
			for (const id of credentials) {
				const deleted = await session.request('DELETE', `/rest/credentials/${id}`);
				if (deleted.status >= 300) problems.push(`credential ${id}: delete ${deleted.status}`);
			}
			return problems;
		},
	};
}

/**
 * A logged-in session with an n8n this tooling did not start, with what the suites do there: checkPackage(…),
 * resources() (what is created, to remove it again), run(workflowId, triggerName) → the finished execution,
 * binary(id) → {status, contentType, bytes}.
 */
async function connectToN8n(url, login) {
	const session = restSession(url);
	try {
		await session.login(login);
	} catch (error) {
		throw new Error(`cannot log in to ${url} as ${login.email}: ${error.cause?.code ?? error.message}`);
	}
	return {
		...session,
		checkPackage: (expected) => checkPackageLoaded(session, expected),
		resources: () => createdResources(session),
		run: async (workflowId, triggerName) => waitForExecution(session, await startExecution(session, workflowId, triggerName)),
		binary: (id) => downloadBinary(session, id),
	};
}

module.exports = { binariesOf, checkPackageLoaded, connectToN8n, createdResources, downloadBinary, restSession, startExecution, waitForExecution };
