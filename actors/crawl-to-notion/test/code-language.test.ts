import { describe, expect, it } from 'vitest';
import { NOTION_CODE_LANGUAGES, toNotionLanguage } from '../src/notion-blocks/index.js';

describe('toNotionLanguage', () => {
  it.each([
    ['python', 'python'],
    ['py', 'python'],
    ['Python3', 'python'],
    ['js', 'javascript'],
    ['jsx', 'javascript'],
    ['ts', 'typescript'],
    ['tsx', 'typescript'],
    ['sh', 'shell'],
    ['zsh', 'shell'],
    ['console', 'shell'],
    ['doscon', 'shell'],
    ['pycon', 'python'],
    ['python3', 'python'],
    ['shell-session', 'shell'],
    ['bash', 'bash'],
    ['ps1', 'powershell'],
    ['yml', 'yaml'],
    ['jsonc', 'json'],
    ['htm', 'html'],
    ['vue', 'html'],
    ['golang', 'go'],
    ['rs', 'rust'],
    ['cpp', 'c++'],
    ['cs', 'c#'],
    ['fsharp', 'f#'],
    ['objc', 'objective-c'],
    ['rb', 'ruby'],
    ['md', 'markdown'],
    ['tf', 'hcl'],
    ['proto', 'protobuf'],
    ['dockerfile', 'docker'],
    ['text', 'plain text'],
    ['none', 'plain text'],
    ['klingon', 'plain text'],
    [undefined, 'plain text'],
  ])('%s -> %s', (input, expected) => {
    expect(toNotionLanguage(input)).toBe(expected);
  });

  it('only ever returns names Notion accepts', () => {
    const accepted = new Set<string>(NOTION_CODE_LANGUAGES);
    const inputs = [
      'sql',
      'psql',
      'kotlin',
      'kt',
      'scala',
      'swift',
      'erb',
      'jinja',
      'ini',
      'conf',
      'patch',
      'wasm',
      'ex',
      'clj',
      'x86asm',
      'asm',
      'tex',
      'vb',
      'sol',
      'mmd',
      'nixos',
      'random',
    ];
    for (const input of inputs) expect(accepted.has(toNotionLanguage(input))).toBe(true);
  });
});
