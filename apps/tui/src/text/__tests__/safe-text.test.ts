import { describe, expect, it } from 'vitest';
import { oneLine, safeText } from '../safe-text';

describe('safeText', () => {
  it.each([
    ['a window title and a clear screen', 'processing\u001B]0;PWNED\u0007\u001B[2J', 'processing'],
    ['an OSC 52 clipboard write ended by ST', 'veo\u001B]52;c;cm0gLXJmIH4=\u001B\\3.1', 'veo3.1'],
    ['colour', 'bad \u001B[31mred\u001B[0m text', 'bad red text'],
    ['a cursor move with parameters', 'a\u001B[10;20Hb', 'ab'],
    ['a bell', 'ding\u0007', 'ding'],
    ['a carriage return that would overwrite the line', 'safe\rEVIL', 'safe EVIL'],
    ['8-bit CSI and OSC', 'a\u009B2Jb\u009D0;t\u0007c', 'abc'],
    ['a DCS string', 'x\u001BPq#0;2;0;0;0\u001B\\y', 'xy'],
    ['a two-character escape', 'a\u001BMb\u001Bcc', 'abc'],
    ['a lone escape at the end', 'end\u001B', 'end'],
    ['backspaces and NUL', 'ab\b\b\u0000cd', 'abcd'],
    ['a bidirectional override', 'file\u202Egpj.exe', 'filegpj.exe'],
    ['an unterminated OSC', 'ok\u001B]0;title', 'ok'],
  ])('removes %s', (_, text, expected) => {
    expect(safeText(text)).toBe(expected);
  });

  it('keeps line feeds, tabs as spaces, and every printable character', () => {
    expect(safeText('one\ntwo\tthree · 猫 🐈 …')).toBe('one\ntwo three · 猫 🐈 …');
  });
});

describe('oneLine', () => {
  it('puts a prompt with newlines on one line', () => {
    expect(oneLine('  a cat\n\nwalking\r\n  home \u001B[2K')).toBe('a cat walking home');
  });
});
