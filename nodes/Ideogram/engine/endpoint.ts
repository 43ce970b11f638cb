// Which endpoint an item calls, and the checks that depend only on the endpoint and the settings: options of
// the operation's other models, and how the request is made (priced, delivered to a webhook, or run).

import type { Endpoint, OperationDefinition, PathContext } from '../catalogue/types';
import { labelOf, type NodeSettings, type OptionName } from '../options/definitions';
import { InputError, isSet } from '../options/validators';

import { costLimitMicros, overBudgetMode } from './budget';
import { optionsOf, wouldSend } from './fields';

/** The same request, priced instead of run: nothing is generated, stored or billed. */
export function dryRunPath(path: string): string {
	return `${path}${path.includes('?') ? '&' : '?'}dry_run=true`;
}

/**
 * The endpoint of the item's `model` value. An operation with one endpoint has no Model parameter; an absent
 * or empty value is the operation's oldest model, as every node saved before the Model parameter means it.
 */
export function endpointOf(definition: OperationDefinition, value: unknown): Endpoint {
	const [oldest] = definition.endpoints;
	if (definition.endpoints.length === 1 || value === undefined || value === null || value === '')
		return oldest;
	const endpoint = definition.endpoints.find((candidate) => candidate.model === value);
	if (!endpoint) {
		const models = definition.endpoints.map((candidate) => candidate.model).join(', ');
		throw new InputError(
			'Model',
			`${JSON.stringify(value)} is not a model of this operation (${models})`,
		);
	}
	return endpoint;
}

/** `Ideogram 4.5 Precise Edit`, `Topaz Wonder 3.5 Upscale`: how errors name what a request runs. */
export function runsName(definition: OperationDefinition, endpoint: Endpoint): string {
	return endpoint.runs ?? `${endpoint.modelName} ${definition.meta.name}`;
}

/** The options and settings an endpoint reads, the mask's Invert Mask included. */
export function readsOptions(endpoint: Endpoint): OptionName[] {
	const invert: OptionName[] = endpoint.files.some((file) => file.mask) ? ['invertMask'] : [];
	return [
		...optionsOf(endpoint),
		...(endpoint.fileLists ?? []).map((list) => list.option),
		...(endpoint.settings ?? []),
		...invert,
	];
}

/**
 * Refuses, before anything is read or sent, an option present in the node's JSON that the chosen model does not
 * take but another model of the operation does (options of other operations, left in the JSON, are not read).
 */
export function refuseOptionsOfOtherModels(
	definition: OperationDefinition,
	endpoint: Endpoint,
	settings: NodeSettings,
): void {
	const own = new Set(readsOptions(endpoint));
	const others = new Set(
		definition.endpoints.flatMap(readsOptions).filter((name) => !own.has(name)),
	);
	for (const name of others) {
		if (wouldSend(name, settings[name])) {
			throw new InputError(
				labelOf(name),
				`${runsName(definition, endpoint)} does not take this option; remove it, or choose a model that takes it`,
			);
		}
	}
}

/** Whether the operation shows Estimate Cost: where a model is priced, or a model can be chosen (and some is not). */
export function offersEstimate(definition: OperationDefinition): boolean {
	return definition.endpoints.length > 1 || definition.endpoints.some((endpoint) => endpoint.quote);
}

/** How the request is made: priced only (`?dry_run=true`), async with a webhook, or run and answered. */
export type RequestMode = 'estimate' | 'webhook' | 'run';

/**
 * The request's mode. Estimate Cost on an endpoint that declares no `dry_run` is refused (sending it there could
 * run and bill); where the operation never offered it, a value left in the JSON is not read, as before.
 */
export function requestMode(
	definition: OperationDefinition,
	endpoint: Endpoint,
	settings: NodeSettings,
): RequestMode {
	if (offersEstimate(definition) && costLimitMicros(settings) !== undefined) {
		overBudgetMode(settings);
		if (!endpoint.quote) {
			throw new InputError(
				labelOf('maxCostUsd'),
				`Ideogram does not price ${runsName(definition, endpoint)} in advance (it takes no dry_run), so a spending limit cannot be kept; choose a model Ideogram prices, or set the limit to 0`,
			);
		}
	}
	if (settings.estimateCost === true && offersEstimate(definition)) {
		if (!endpoint.quote) {
			throw new InputError(
				labelOf('estimateCost'),
				`Ideogram does not price ${runsName(definition, endpoint)} in advance (it takes no dry_run); turn Estimate Cost off`,
			);
		}
		return 'estimate';
	}
	return endpoint.webhook && isSet(settings.webhookUrl) ? 'webhook' : 'run';
}

export function endpointPath(endpoint: Endpoint, context: PathContext): string {
	return typeof endpoint.path === 'function' ? endpoint.path(context) : endpoint.path;
}
