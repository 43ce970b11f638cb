import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { isToolCall } from '../../nodes/Ideogram/engine/toolMode';

const NODE: INode = { id: 'ideogram', name: 'Ideogram', type: 'n8n-nodes-ideogram.ideogramTool', typeVersion: 1, position: [0, 0], parameters: {} };

function context({ isToolExecution, rewireOutputLogTo }: { isToolExecution?: () => boolean; rewireOutputLogTo?: string }): IExecuteFunctions {
	const node = { ...NODE, ...(rewireOutputLogTo !== undefined ? { rewireOutputLogTo } : {}) } as INode;
	return { getNode: () => node, ...(isToolExecution ? { isToolExecution } : {}) } as unknown as IExecuteFunctions;
}

describe('isToolCall', () => {
	it('is true when n8n says the node runs as a tool (isToolExecution)', () => {
		expect(isToolCall(context({ isToolExecution: () => true }))).toBe(true);
	});

	it("is true when the engine runs an agent's tool call: the node's output is rewired to ai_tool", () => {
		// What n8n does for AI Agent 2.2+ (3.x): isToolExecution() answers false, the node carries the mark.
		expect(isToolCall(context({ isToolExecution: () => false, rewireOutputLogTo: 'ai_tool' }))).toBe(true);
	});

	it('is true with the mark on an older n8n without isToolExecution', () => {
		expect(isToolCall(context({ rewireOutputLogTo: 'ai_tool' }))).toBe(true);
	});

	it('is false in an ordinary workflow run', () => {
		expect(isToolCall(context({ isToolExecution: () => false }))).toBe(false);
		expect(isToolCall(context({}))).toBe(false);
	});

	it('is false when the output is rewired to another connection type', () => {
		expect(isToolCall(context({ isToolExecution: () => false, rewireOutputLogTo: 'ai_languageModel' }))).toBe(false);
	});

	it('does not take a truthy non-boolean isToolExecution answer for true', () => {
		expect(isToolCall(context({ isToolExecution: () => 'yes' as unknown as boolean }))).toBe(false);
	});
});
