import { describe, expect, it } from 'vitest';
import { batchFormatOf, parseBatchFile } from '../batch-input';

describe('batch files: JSON lines', () => {
  it('reads one create body a line, with id and out kept apart, and skips blank lines', () => {
    const text = [
      '{"prompt":"a cat","duration":5,"id":"cat","out":"cats/cat.mp4"}',
      '',
      '   ',
      '{"prompt":"a dog","model":"veo3.1","id":7}',
    ].join('\n');
    expect(parseBatchFile(text, 'jsonl')).toEqual({
      format: 'jsonl',
      issues: [],
      lines: [
        { line: 1, id: 'cat', out: 'cats/cat.mp4', params: { prompt: 'a cat', duration: 5 } },
        { line: 4, id: '7', out: null, params: { prompt: 'a dog', model: 'veo3.1' } },
      ],
    });
  });

  it('names every bad line, its field and the rule it breaks', () => {
    const text = [
      '{"prompt":"ok"}',
      '{"prompt":"x","fps":500}',
      'not json',
      '[1,2]',
      '{"prompt":"y","duration":"five"}',
      '{"prompt":"z","out":"../up.mp4"}',
      '{"prompt":"w","out":"/abs.mp4"}',
      '{"prompt":"v","id":{"no":1}}',
      '{"prompt":"ok","id":"a"}',
      '{"prompt":"ok","id":"a"}',
    ].join('\r\n');
    const { issues, lines } = parseBatchFile(text, 'jsonl');
    expect(issues).toEqual([
      { line: 2, field: 'fps', message: 'must be between 1 and 120 (got 500)' },
      { line: 3, field: 'line', message: expect.stringMatching(/^is not JSON \(/) },
      { line: 4, field: 'line', message: 'must be a JSON object: one create body' },
      { line: 5, field: 'duration', message: 'must be an integer (got "five")' },
      { line: 6, field: 'out', message: expect.stringContaining('without ..') },
      { line: 7, field: 'out', message: expect.stringContaining('relative path') },
      { line: 8, field: 'id', message: 'must be a text or a number' },
      { line: 10, field: 'id', message: 'must be unique in the file (line 9 has it too)' },
    ]);
    expect(lines.map((each) => each.line)).toEqual([1, 2, 5, 6, 7, 8, 9, 10]);
  });
});

describe('batch files: CSV', () => {
  it('types each cell by its field, leaves blank cells out, and numbers records by line', () => {
    const text = [
      'prompt,duration,output_audio,id,out',
      'a cat,5,yes,cat,cat.mp4',
      '"a dog, running",,no,,',
      '',
      '"two',
      'lines",8,,,',
    ].join('\n');
    expect(parseBatchFile(text, 'csv')).toEqual({
      format: 'csv',
      issues: [],
      lines: [
        {
          line: 2,
          id: 'cat',
          out: 'cat.mp4',
          params: { prompt: 'a cat', duration: 5, output_audio: true },
        },
        { line: 3, id: null, out: null, params: { prompt: 'a dog, running', output_audio: false } },
        { line: 6, id: null, out: null, params: { prompt: 'two\nlines', duration: 8 } },
      ],
    });
  });

  it('wants a prompt column, and names cells that break a rule and records of the wrong width', () => {
    const { issues } = parseBatchFile('text,fps\na,12abc\nb,1,2\n', 'csv');
    expect(issues).toEqual([
      { line: 1, field: 'prompt', message: 'the header has no prompt column' },
      { line: 2, field: 'fps', message: 'must be an integer (got "12abc")' },
      { line: 3, field: 'line', message: 'has 3 fields, the header 2' },
    ]);
  });

  it('names the line of a quote never closed', () => {
    const { issues, lines } = parseBatchFile('prompt\nok\n"never closed\n', 'csv');
    expect(lines).toEqual([]);
    expect(issues).toEqual([
      {
        line: expect.any(Number),
        field: 'line',
        message: expect.stringMatching(/^is not valid CSV/),
      },
    ]);
  });

  it('is told from JSON lines by its extension', () => {
    expect(batchFormatOf('prompts.CSV')).toBe('csv');
    expect(batchFormatOf('prompts.jsonl')).toBe('jsonl');
    expect(batchFormatOf('prompts.txt')).toBe('jsonl');
  });
});
