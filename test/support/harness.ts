/**
 * A stand-in for the n8n execution context that keeps n8n's real parts where they matter: HTTP goes through
 * n8n's own request function (@n8n/backend-network, axios underneath), the credential's authenticate() is
 * applied the way n8n applies it, and binary data can live in a store behind an id, as in n8n's
 * filesystem, database and S3 modes, where `binary.data` holds no bytes.
 */
import { httpRequest } from '@n8n/backend-network/testing';
import { randomUUID } from 'crypto';
import type {
	IAdditionalCredentialOptions,
	IBinaryData,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { IdeogramApi } from '../../credentials/IdeogramApi.credentials';
import { Ideogram } from '../../nodes/Ideogram/Ideogram.node';

export interface InputFile {
	data: Buffer;
	mimeType?: string;
	fileName?: string;
}

export interface HarnessOptions {
	/** Node parameters; a function value is evaluated per item, like an expression. */
	parameters: Record<string, unknown>;
	items?: Array<{ json?: IDataObject; binary?: Record<string, InputFile> }>;
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** 'filesystem': binaries are stored behind an id (n8n's default since 2.0); 'inline': base64 in `data`. */
	binaryMode?: 'filesystem' | 'inline';
	isTool?: boolean;
	cancelSignal?: AbortSignal;
	/** The node's version in the workflow (1 unless given). */
	typeVersion?: number;
}

export interface HttpCall {
	url: string;
	method: string;
	headers: Record<string, unknown>;
	authenticated: boolean;
}

const NODE: INode = {
	id: 'ideogram-node',
	name: 'Ideogram',
	type: 'n8n-nodes-ideogram.ideogram',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Functions stand for expressions: they are evaluated for the item, at any depth. */
function resolve(value: unknown, itemIndex: number): unknown {
	if (typeof value === 'function') return (value as (index: number) => unknown)(itemIndex);
	if (value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, resolve(entry, itemIndex)]));
	}
	return value;
}

function lookup(parameters: Record<string, unknown>, path: string, itemIndex: number): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (value === undefined || value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return resolve(value, itemIndex);
}

export function createHarness(options: HarnessOptions) {
	const store = new Map<string, { data: Buffer; mimeType: string; fileName?: string }>();
	const calls: HttpCall[] = [];
	const mode = options.binaryMode ?? 'filesystem';

	function toBinary(file: InputFile): IBinaryData {
		const mimeType = file.mimeType ?? 'application/octet-stream';
		const base: IBinaryData = { data: '', mimeType, fileName: file.fileName, fileSize: `${file.data.length} B` };
		if (mode === 'inline') return { ...base, data: file.data.toString('base64') };
		const id = `filesystem-v2:workflows/1/executions/1/binary_data/${randomUUID()}`;
		store.set(id, { data: file.data, mimeType, fileName: file.fileName });
		return { ...base, data: 'filesystem-v2', id, bytes: file.data.length };
	}

	const items: INodeExecutionData[] = (options.items ?? [{}]).map((item) => ({
		json: item.json ?? {},
		...(item.binary ? { binary: Object.fromEntries(Object.entries(item.binary).map(([name, file]) => [name, toBinary(file)])) } : {}),
	}));

	function bytesOf(binary: IBinaryData): Buffer {
		if (binary.id) {
			const stored = store.get(binary.id);
			if (!stored) throw new Error(`no stored binary ${binary.id}`);
			return stored.data;
		}
		return Buffer.from(binary.data, 'base64');
	}

	function assertBinaryData(itemIndex: number, parameter: string | IBinaryData): IBinaryData {
		if (typeof parameter === 'object') return parameter;
		const binary = items[itemIndex].binary;
		if (!binary) {
			throw new NodeOperationError(NODE, `This operation expects the node's input data to contain a binary file '${parameter}', but none was found [item ${itemIndex}]`);
		}
		if (!binary[parameter]) throw new NodeOperationError(NODE, `The item has no binary field '${parameter}' [item ${itemIndex}]`);
		return binary[parameter];
	}

	async function request(opts: IHttpRequestOptions, authenticated: boolean) {
		calls.push({ url: opts.url, method: opts.method ?? 'GET', headers: { ...(opts.headers ?? {}) }, authenticated });
		return await httpRequest(opts);
	}

	const node: INode = { ...NODE, typeVersion: options.typeVersion ?? 1 };
	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		getNodeParameter: (name: string, itemIndex: number, ...fallback: unknown[]) => {
			const value = lookup(options.parameters, name, itemIndex);
			if (value !== undefined) return value;
			if (fallback.length > 0) return fallback[0];
			throw new Error(`parameter ${name} not set`);
		},
		getCredentials: async () => options.credentials,
		continueOnFail: () => options.continueOnFail ?? false,
		isToolExecution: () => options.isTool ?? false,
		getExecutionCancelSignal: () => options.cancelSignal,
		helpers: {
			assertBinaryData,
			getBinaryDataBuffer: async (itemIndex: number, parameter: string | IBinaryData) => bytesOf(assertBinaryData(itemIndex, parameter)),
			getBinaryMetadata: async (id: string) => {
				const stored = store.get(id);
				if (!stored) throw new Error(`no stored binary ${id}`);
				return { fileSize: stored.data.length, mimeType: stored.mimeType, fileName: stored.fileName };
			},
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) =>
				toBinary({ data, fileName, mimeType }),
			httpRequest: async (opts: IHttpRequestOptions) => await request(opts, false),
			// What n8n does: the credential's authenticate() adds its headers, transport errors become NodeApiError.
			httpRequestWithAuthentication: async function (this: unknown, credentialType: string, opts: IHttpRequestOptions, additional?: IAdditionalCredentialOptions) {
				if (credentialType !== 'ideogramApi') throw new Error(`unexpected credential ${credentialType}`);
				// Like n8n: the request's abortSignal is replaced by the calling context's execution cancel signal.
				if (this && typeof this === 'object' && 'getExecutionCancelSignal' in this) {
					opts = { ...opts, abortSignal: (this as IExecuteFunctions).getExecutionCancelSignal() };
				}
				// Like n8n: credentials handed over by the node are used as they are, otherwise they are read.
				const credentials = additional?.credentialsDecrypted?.data ?? options.credentials;
				const authenticated = await new IdeogramApi().authenticate(credentials, { ...opts });
				try {
					return await request(authenticated, true);
				} catch (error) {
					throw new NodeApiError(NODE, error as JsonObject);
				}
			},
		},
	} as unknown as IExecuteFunctions;

	return {
		ctx,
		calls,
		/** Runs the node; resolves to its single output. */
		run: async () => (await new Ideogram().execute.call(ctx))[0],
		/** The bytes behind an output binary, read back the way n8n would. */
		bytesOf,
	};
}
