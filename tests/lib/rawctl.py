#!/usr/bin/python3
"""rawctl — does text meant for a terminal carry a raw control from the data?
  rawctl.py text|csv|json [FILE]   (stdin by default)
Refused everywhere: C0 controls other than newline (and tab, and CR in csv), DEL, C1
controls (U+0080..U+009F, raw or UTF-8), bidi overrides/isolates (U+202A..U+202E,
U+2066..U+2069), invalid UTF-8. json must also parse. Prints each offence; exit 1 if any.
"""
import json
import sys

mode = sys.argv[1]
data = open(sys.argv[2], "rb").read() if len(sys.argv) > 2 else sys.stdin.buffer.read()
allowed = {0x0a} | ({0x09} if mode != "text" else {0x09}) | ({0x0d} if mode == "csv" else set())
bad = []
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    bad.append("invalid UTF-8 at byte %d" % e.start)
    text = data.decode("utf-8", "replace")
for i, ch in enumerate(text):
    cp = ord(ch)
    if (cp < 0x20 and cp not in allowed) or 0x7f <= cp <= 0x9f or 0x202a <= cp <= 0x202e \
            or 0x2066 <= cp <= 0x2069:
        bad.append("U+%04X at character %d: %r" % (cp, i, text[max(0, i - 20):i + 10]))
if mode == "json":
    try:
        json.loads(text)
    except ValueError as e:
        bad.append("not JSON: %s" % e)
for b in bad[:5]:
    print(b)
sys.exit(1 if bad else 0)
