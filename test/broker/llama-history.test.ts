import { describe, expect, it } from 'vitest';
import { toChatHistory, toFunctions } from '../../src/broker/llama-history.ts';

describe('OpenAI messages as node-llama-cpp chat history', () => {
  it('ends with an empty model turn to fill in after a question', () => {
    expect(toChatHistory([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'again' }])).toEqual([
      { type: 'system', text: 'be brief' },
      { type: 'user', text: 'hi' },
      { type: 'model', response: ['hello'] },
      { type: 'user', text: 'again' },
      { type: 'model', response: [] },
    ]);
  });

  it('turns tool calls into function calls carrying their results, and continues that turn', () => {
    const history = toChatHistory([
      { role: 'user', content: 'list' },
      {
        role: 'assistant',
        content: 'Looking.',
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'run_command', arguments: '{"command":"ls"}' } },
          { id: 'b', type: 'function', function: { name: 'run_command', arguments: 'not json' } },
        ],
      },
      { role: 'tool', tool_call_id: 'b', content: 'error' },
      { role: 'tool', tool_call_id: 'a', content: 'x.txt' },
    ]);
    expect(history).toEqual([
      { type: 'user', text: 'list' },
      {
        type: 'model',
        response: [
          'Looking.',
          { type: 'functionCall', name: 'run_command', params: { command: 'ls' }, result: 'x.txt' },
          { type: 'functionCall', name: 'run_command', params: 'not json', result: 'error' },
        ],
      },
    ]);
  });

  it('keeps a result for an unknown call as the user\'s words rather than dropping it', () => {
    expect(toChatHistory([{ role: 'tool', tool_call_id: 'zz', content: '42' }])).toEqual([
      { type: 'user', text: 'Tool result:\n42' },
      { type: 'model', response: [] },
    ]);
  });

  it('reads OpenAI tools as functions, a parameterless one without a schema', () => {
    expect(
      toFunctions([
        { type: 'function', function: { name: 'run', description: 'run it', parameters: { type: 'object', properties: { c: { type: 'string' } } } } },
        { type: 'function', function: { name: 'jobs', parameters: { type: 'object', properties: {} } } },
        { type: 'retrieval' },
        { type: 'function', function: { description: 'no name' } },
      ]),
    ).toEqual({ run: { description: 'run it', params: { type: 'object', properties: { c: { type: 'string' } } } }, jobs: {} });
    expect(toFunctions([])).toBeUndefined();
  });
});
