// One native-chat response: streams the client's events to VS Code as response parts (text, tool calls, and
// reasoning as LanguageModelThinkingPart where the running VS Code has it), learns the tokenizer from the usage,
// and keeps what the server wants back with its tool calls.
import * as vscode from 'vscode';
import { TextToolCallParser } from '../api/textToolCalls';
import { ApiError } from '../api/apiError';
import type { ChatRequest, OpenAICompatibleClient, ReasoningReplay, StreamEvent, ToolCallEvent } from '../api/types';
import type { TokenCalibration } from '../models/tokenEstimate';
import { runtimeClass } from './lmParts';
import type { ReasoningCache } from './core/reasoningCache';

export interface ResponseContext {
  client: OpenAICompatibleClient;
  request: ChatRequest;
  signal: AbortSignal;
  progress: vscode.Progress<vscode.LanguageModelResponsePart>;
  /** inferenceChat.parseToolCallsFromText */
  parseToolCallsFromText: boolean;
  /** calibrationKey(provider, model): for the calibration and the reasoning cache. */
  modelKey: string;
  /** The request's token estimate (before calibration), to compare with the usage the server reports. */
  estimate: number;
  calibration: TokenCalibration;
  reasoning: ReasoningCache;
}

type ThinkingPartClass = new (value: string) => vscode.LanguageModelResponsePart;

export async function streamResponse(ctx: ResponseContext): Promise<void> {
  const { progress } = ctx;
  // Proposed API, not declared in package.json: used only where the running VS Code has it.
  const Thinking = runtimeClass('LanguageModelThinkingPart') as unknown as ThinkingPartClass | undefined;
  const offered = new Set((ctx.request.tools ?? []).map((t) => t.function.name));
  const parser = ctx.parseToolCallsFromText && offered.size > 0 ? new TextToolCallParser(offered) : undefined;
  const calls: ToolCallEvent[] = [];
  let replay: ReasoningReplay | undefined;
  const parsed: StreamEvent[] = [];

  const report = (event: StreamEvent): void => {
    if (event.type === 'text') {
      if (event.text) progress.report(new vscode.LanguageModelTextPart(event.text));
    } else if (event.type === 'tool_call') {
      // VS Code would run the tool with no arguments: the reply fails instead, saying what the model sent.
      if (event.argumentsError !== undefined) throw new ApiError('server', 'invalid_response', event.argumentsError);
      calls.push(event);
      progress.report(new vscode.LanguageModelToolCallPart(event.id, event.name, event.arguments));
    }
  };
  const reportParsed = (): void => {
    for (const event of parsed) report(event);
    parsed.length = 0;
  };

  for await (const event of ctx.client.streamChat(ctx.request, { signal: ctx.signal })) {
    switch (event.type) {
      case 'text':
        if (parser) {
          parser.push(event.text, parsed);
          reportParsed();
        } else report(event);
        break;
      case 'reasoning':
        if (Thinking && event.text) progress.report(new Thinking(event.text));
        break;
      case 'tool_call':
        report(event);
        break;
      case 'reasoning_replay': {
        const { type: _type, ...fields } = event;
        replay = fields;
        break;
      }
      case 'usage':
        ctx.calibration.observe(ctx.modelKey, ctx.estimate, event.usage.prompt_tokens);
        break;
      case 'finish':
        break;
    }
  }
  if (parser) {
    parser.end(parsed);
    reportParsed();
  }
  if (calls.length > 0) ctx.reasoning.remember(ctx.modelKey, calls, replay);
}
