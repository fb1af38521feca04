"""Text from articles, file names and graphs made safe for a terminal: one sanitiser for everything kg prints.

Articles and file names are written by strangers. Printed raw, an escape sequence in them can clear the screen,
set the window title, write the clipboard (OSC 52) or plant a hyperlink (OSC 8); a C1 control (U+0080-U+009F)
does the same on terminals that honour 8-bit controls; a bidi override (U+202E) makes text read as something
else; and `[link=...]` or `[/bold]` in text handed to rich as markup becomes a link or crashes the command.
kg therefore prints input-derived text only as rich `Text` (never parsed as markup) or plain strings, after
`clean`: every control and format character is shown as a visible escape (`\\x1b`, `\\u202e`), line breaks
and tabs become spaces. Machine formats keep their data: `escape_json` and `escape_turtle` write the same
characters as the format's own escapes, so a JSON or Turtle reader gets the text back unchanged.
"""

from __future__ import annotations

import re
import unicodedata

UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
"""Control, format (bidi controls, zero-width, tags), line and paragraph separator, surrogate."""
JOINERS = frozenset({"\u200c", "\u200d"})
"""Zero-width (non-)joiner: format characters that Persian, Indic scripts and emoji sequences need."""
SPACES = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029")
"""Characters that break or move the line: a space in one-line output."""

_SUSPECT = re.compile(r"[^\x20-\x7e]")


def unsafe(ch: str) -> bool:
    """Whether a character must not reach a terminal as it is."""
    return unicodedata.category(ch) in UNSAFE_CATEGORIES and ch not in JOINERS


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def clean(text: str, *, keep_lines: bool = False) -> str:
    """`text` safe to print: line breaks and tabs as spaces (kept when `keep_lines`), every other control or format
    character as a visible escape; markup stays literal as long as the result is printed as plain text or rich
    `Text`."""
    def fix(m: re.Match[str]) -> str:
        ch = m.group()
        if keep_lines and ch in "\n\t":
            return ch
        if ch in SPACES:
            return " "
        return _visible(ch) if unsafe(ch) else ch
    return _SUSPECT.sub(fix, text)


def escape_json(text: str) -> str:
    """JSON text with every unsafe character inside its strings written as a JSON escape (`\\u202e`, a surrogate
    pair beyond U+FFFF): the same data, and nothing a terminal acts on. JSON's own syntax is ASCII, so an unsafe
    character can only stand inside a string."""
    def fix(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in "\n\t" or not unsafe(ch):
            return ch
        code = ord(ch)
        if code < 0x10000:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"
    return _SUSPECT.sub(fix, text)


def escape_turtle(text: str) -> str:
    """Turtle, N-Triples or SPARQL TSV text with every unsafe character written as a `\\uXXXX`/`\\UXXXXXXXX`
    escape, which these formats read back as the character itself (unsafe characters stand only in their
    strings and IRIs); line breaks and tabs, part of the syntax, stay."""
    def fix(m: re.Match[str]) -> str:
        ch = m.group()
        if ch in "\n\t" or not unsafe(ch):
            return ch
        code = ord(ch)
        return f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
    return _SUSPECT.sub(fix, text)
