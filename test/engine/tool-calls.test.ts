import { afterAll, describe, expect, it } from 'vitest';
import { chatStream, type ChatMessage } from '../../src/broker/index.ts';
import { RUN_COMMAND_TOOL } from '../../src/app/goal-protocol.ts';
import { shutdownEngines } from '../../src/engine/index.ts';
import { embeddedEndpoint, writeTinyModel } from '../helpers/engine.ts';

afterAll(() => shutdownEngines());

const tools = [
  {
    type: 'function',
    function: {
      name: 'run_command',
      description: 'Run a shell command and return its output',
      parameters: { type: 'object', properties: { command: { type: 'string', description: 'the command line' } }, required: ['command'] },
    },
  },
  { type: 'function', function: { name: 'list_jobs', description: 'List background jobs', parameters: { type: 'object', properties: {} } } },
];

/**
 * A model scripted to call run_command in Qwen2.5's syntax, the way
 * node-llama-cpp reads a call: the model writes `<tool_call>` and the prefix up
 * to the name; the name is generated under a grammar and ends with a newline;
 * the context is then re-rendered up to `"arguments": ` (its last token is the
 * space), from where the model writes the JSON arguments and the grammar's
 * closing newlines; after the rendered call (`</tool_call>`) it ends its turn.
 */
const callingModel = () =>
  writeTinyModel({
    chains: [
      ['\n', '<tool_call>', '\n{"name": "', 'run_command', '<0x0A>'],
      ['\u2581', '{"command": "', 'ls -la', '"}', '\n\n\n\n'],
      ['</tool_call>', '<|im_end|>'],
    ],
  });

describe('tool calls on the embedded engine', { timeout: 60_000 }, () => {
  it('returns the call as OpenAI-style tool_calls with JSON arguments', async () => {
    const endpoint = embeddedEndpoint(callingModel(), { maxTokens: 64 });
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You run commands for the user.' },
      { role: 'user', content: 'what is in this folder?' },
    ];
    const result = await chatStream(endpoint, messages, {}, { tools });
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([{ id: expect.stringMatching(/^call_\w+$/), type: 'function', function: { name: 'run_command', arguments: '{"command":"ls -la"}' } }]);
    expect(result.content).toBe('');
    expect(result.timings.ttftMs).toBeGreaterThan(0);

    // The agent runs the command and sends the result back: the engine takes the turn with the call and its result.
    const followUp = await chatStream(endpoint, [...messages, { role: 'assistant', content: null, tool_calls: result.toolCalls }, { role: 'tool', tool_call_id: result.toolCalls[0]!.id, content: 'a.txt\nb.txt' }], {}, { tools });
    expect(followUp.aborted).toBe(false);
    expect(followUp.finishReason).toBe('tool_calls');
  });

  it('calls goal mode\'s own run_command tool, with both of its required arguments', async () => {
    // The tiny vocabulary spells most words a character at a time: the tool's documentation needs a bigger window.
    const base = embeddedEndpoint(
      writeTinyModel({
        chains: [
          ['\n', '<tool_call>', '\n{"name": "', 'run_command', '<0x0A>'],
          ['\u2581', '{"command": "', 'du -sh *', '", "reason": "', 'sizes of what is here', '"}', '\n\n\n\n'],
          ['</tool_call>', '<|im_end|>'],
        ],
      }),
      { maxTokens: 64 },
    );
    const endpoint = { ...base, embedded: { ...base.embedded!, contextSize: 4096 } };
    const result = await chatStream(endpoint, [{ role: 'user', content: 'what takes space here?' }], {}, { tools: [RUN_COMMAND_TOOL] });
    expect(result.toolCalls.map((call) => [call.function.name, JSON.parse(call.function.arguments)])).toEqual([['run_command', { command: 'du -sh *', reason: 'sizes of what is here' }]]);
  });

  it('writes plain text when no tools are offered, even from a model that would call one', async () => {
    const endpoint = embeddedEndpoint(callingModel(), { maxTokens: 8 });
    const result = await chatStream(endpoint, [{ role: 'user', content: 'what is in this folder?' }]);
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toMatch(/^<tool_call>\n\{"name": "run_command/);
  });
});
