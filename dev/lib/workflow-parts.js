'use strict';
/**
 * The pieces every workflow the tooling writes is made of (the examples and e2e workflows of make-workflows.js,
 * the benchmark's): the workflow around its nodes, the connections of a chain, an Ideogram node, a Manual
 * Trigger. Node ids are fixed (`a1f0c0de-…-<n>`) so generated files only change when their content does.
 */
const NODE_TYPE = 'n8n-nodes-ideogram.ideogram';
const MANUAL_TRIGGER_NAME = 'When clicking ‘Execute workflow’';

function nodeId(n) {
	return `a1f0c0de-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** Connections for nodes run one after the other; an array in the list fans out to each of its names. */
function chain(...names) {
	const connections = {};
	for (let i = 0; i < names.length - 1; i++) {
		const targets = Array.isArray(names[i + 1]) ? names[i + 1] : [names[i + 1]];
		connections[names[i]] = { main: [targets.map((node) => ({ node, type: 'main', index: 0 }))] };
	}
	return connections;
}

/** A workflow as n8n imports it; without `connections` its nodes run in the order given. */
function workflow(id, name, nodes, connections = chain(...nodes.map((node) => node.name))) {
	return { id, name, nodes, connections, active: false, settings: { executionOrder: 'v1' }, pinData: {}, tags: [] };
}

function manualTrigger({ id = 1, position = [0, 0] } = {}) {
	return { id: nodeId(id), name: MANUAL_TRIGGER_NAME, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position, parameters: {} };
}

/** An Ideogram node; `typeVersion` 1.1 is what a node newly dropped on the canvas gets (newest model, Edit Endpoint auto). */
function ideogramNode(name, parameters, { credential, position = [448, 0], onError, id = 3, typeVersion = 1, executeOnce } = {}) {
	return {
		id: nodeId(id),
		name,
		type: NODE_TYPE,
		typeVersion,
		position,
		parameters,
		credentials: { ideogramApi: credential },
		...(onError ? { onError } : {}),
		...(executeOnce ? { executeOnce } : {}),
	};
}

module.exports = { MANUAL_TRIGGER_NAME, NODE_TYPE, chain, ideogramNode, manualTrigger, nodeId, workflow };
