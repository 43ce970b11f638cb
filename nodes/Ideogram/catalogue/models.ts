// The image models Generate, Edit and Remix can run, and where each one's requests go. Ideogram 3.0 keeps the v1
// paths, which the official API and every gateway serve; the 4.x models exist only on the v2 paths
// (`POST /v2/image/{action}/{model}`), under the same Base URL.

import { InputError } from '../options/definitions';

export type ModelOperation = 'generate' | 'edit' | 'remix';

/** The model names of the v2 paths; they are also the values of the node's `model` parameter. */
export type Model = 'ideogram-3' | 'ideogram-4' | 'ideogram-4-5';

/** The model a node whose JSON has no `model` uses (every node saved before the 4.x models). */
export const V1_MODEL: Model = 'ideogram-3';

/** The model a new node (version 1.1) starts with. */
export const NEWEST_MODEL: Model = 'ideogram-4-5';

export const MODEL_NAMES: Record<Model, string> = {
	'ideogram-3': 'Ideogram 3.0',
	'ideogram-4': 'Ideogram 4.0',
	'ideogram-4-5': 'Ideogram 4.5',
};

/** Which models each operation offers, oldest first. */
export const OPERATION_MODELS: Record<ModelOperation, Model[]> = {
	generate: ['ideogram-3', 'ideogram-4-5'],
	edit: ['ideogram-3', 'ideogram-4-5'],
	remix: ['ideogram-3', 'ideogram-4', 'ideogram-4-5'],
};

/** The v2 action of each operation: Edit with a 4.x model is Ideogram's Precise Edit. */
const V2_ACTIONS: Record<ModelOperation, string> = {
	generate: 'generate',
	edit: 'precise-edit',
	remix: 'remix',
};

const V2_OPERATION_NAMES: Record<ModelOperation, string> = {
	generate: 'Generate',
	edit: 'Precise Edit',
	remix: 'Remix',
};

export function isV2Model(model: Model): boolean {
	return model !== V1_MODEL;
}

/** The `model` parameter's value, checked against the operation's models; absent or empty means Ideogram 3.0. */
export function modelOf(operation: ModelOperation, value: unknown): Model {
	if (value === undefined || value === null || value === '') return V1_MODEL;
	const models = OPERATION_MODELS[operation];
	if (typeof value !== 'string' || !models.includes(value as Model)) {
		throw new InputError('Model', `${JSON.stringify(value)} is not a model of this operation (${models.join(', ')})`);
	}
	return value as Model;
}

/** `Ideogram 4.5 Precise Edit`: how errors name what a 4.x request runs. */
export function modelOperationName(operation: ModelOperation, model: Model): string {
	return `${MODEL_NAMES[model]} ${isV2Model(model) ? V2_OPERATION_NAMES[operation] : operation.charAt(0).toUpperCase() + operation.slice(1)}`;
}

/** `POST /v2/image/{generate|precise-edit|remix}/{model}` for a 4.x model. */
export function v2Path(operation: ModelOperation, model: Model): string {
	if (!isV2Model(model)) throw new Error(`${model} has no v2 path in this node; it uses the v1 paths`);
	return `/v2/image/${V2_ACTIONS[operation]}/${model}`;
}

/** The same request, priced instead of run: nothing is generated, stored or billed. */
export function dryRunPath(path: string): string {
	return `${path}${path.includes('?') ? '&' : '?'}dry_run=true`;
}

export type EditEndpointChoice = 'auto' | 'edit' | 'inpaint';

/**
 * Whether the Base URL is Ideogram's own API, by its host name alone (any path, any port). Gateways serve the v1
 * paths under other hosts.
 */
export function isOfficialApi(baseUrl: string): boolean {
	try {
		return new URL(baseUrl).hostname.toLowerCase().replace(/\.$/, '') === 'api.ideogram.ai';
	} catch {
		return false;
	}
}

/**
 * The `editEndpoint` option's value when the node's JSON has none: `edit` for version 1 (what every saved
 * workflow sends today), `auto` for version 1.1.
 */
export function editEndpointChoice(value: unknown, nodeVersion: number): EditEndpointChoice {
	if (value === 'auto' || value === 'edit' || value === 'inpaint') return value;
	if (value === undefined || value === null || value === '') return nodeVersion >= 1.1 ? 'auto' : 'edit';
	throw new InputError('Edit Endpoint', `${JSON.stringify(value)} is not one of auto, edit, inpaint`);
}

/**
 * Edit with Ideogram 3.0: `auto` picks `inpaint` (the official successor of the deprecated `/edit`) on
 * api.ideogram.ai and `edit` everywhere else, since gateways serve only `edit`.
 */
export function editEndpointFor(choice: EditEndpointChoice, baseUrl: string | undefined): 'edit' | 'inpaint' {
	if (choice !== 'auto') return choice;
	// An empty Base URL is the official API, as the transport reads it.
	return isOfficialApi(baseUrl?.trim() || 'https://api.ideogram.ai') ? 'inpaint' : 'edit';
}
