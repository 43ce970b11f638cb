import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Whether an AI agent is calling this node as a tool.
 *
 * n8n has two ways of running a tool, and `isToolExecution()` only knows one of them:
 * - AI Agent 2.x calls the tool in its own process, through a LangChain tool n8n wraps around the node: the
 *   node runs in a supply-data context for the `ai_tool` connection, which answers `isToolExecution()` with true;
 * - AI Agent 3.x (3.1 is the default) hands each tool call back to the workflow engine, which runs the tool node
 *   as an ordinary node and only marks the node itself, `rewireOutputLogTo = 'ai_tool'`, so that its output is
 *   logged to the agent. That execute context answers `isToolExecution()` with false, always.
 * Either mark means "an agent is calling": the node must answer with compact JSON and never expect binary.
 */
export function isToolCall(ctx: IExecuteFunctions): boolean {
	return ctx.isToolExecution?.() === true || ctx.getNode().rewireOutputLogTo === NodeConnectionTypes.AiTool;
}
