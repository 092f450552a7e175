/**
 * What must never reach a terminal from text the app did not write itself (the API's words, a
 * history file, a prompt): escape sequences whole (CSI such as `ESC[2J` or `ESC[31m`; OSC such
 * as a window title or an OSC 52 clipboard write, up to its BEL or ST; DCS, SOS, PM, APC up to
 * ST; and two-character escapes), then any C0 control but the line feed, DEL, the C1 controls
 * (U+0080 to U+009F, 8-bit CSI and OSC among them) and the bidirectional overrides that can
 * make text read other than it is (U+202A to U+202E, U+2066 to U+2069).
 */
const unsafe = new RegExp(
  [
    // biome-ignore format: one alternative per line reads better.
    String.raw`\u001B\[[0-?]*[ -/]*[@-~]`,
    String.raw`\u001B[\]PX^_][\s\S]*?(?:\u0007|\u001B\\|\u009C|$)`,
    String.raw`[\u009D\u0090\u0098\u009E\u009F][\s\S]*?(?:\u0007|\u001B\\|\u009C|$)`,
    String.raw`\u009B[0-?]*[ -/]*[@-~]`,
    String.raw`\u001B[ -/]*[0-~]?`,
    String.raw`[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]`,
  ].join('|'),
  'g',
);

/**
 * `text` safe to print on a terminal: every control character and escape sequence removed
 * (see above), line feeds kept. A tab or carriage return becomes a space, so words stay apart.
 */
export function safeText(text: string): string {
  return text.replace(/[\t\r]/g, ' ').replace(unsafe, '');
}

/** `text` safe to print (see `safeText`) on one line: each run of white space one space. */
export function oneLine(text: string): string {
  return safeText(text).replace(/\s+/g, ' ').trim();
}
