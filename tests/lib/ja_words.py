#!/usr/bin/env python3
"""English words in text meant for a Japanese reader (tests/ui/test_ja_words.sh).

    ja_words.py [--help-mode] CODES-FILE < TEXT

Prints each line of TEXT that holds an English word, with the words, and exits 1 if
there is one. A word is a run of ASCII letters; these are not English words:
  - a part of a token with a digit in it (FY2026, ssh-ed25519, SHA256:..., 10MB, 3.5)
  - a single letter (a placeholder like N or Y, a grade A-D, the T of T-IT)
  - an option (--csv, --if-version)
  - a code, login or name from the data: one per line in CODES-FILE (exact case)
  - a product name, an abbreviation or a unit: PRODUCTS below (any case)
  - an entry of ALLOWED below, each with its reason.
  - a key's name as printed on it (Esc, PgDn, Enter)
  - a word of CODES-FILE's lines that start with "cmd:": what one types to run a
    command or open a screen (mig, staff list, :dash), where it is typed: in help, in
    an error naming its command (rashin: staff set: ...), beside a screen's :name
With --help-mode (help and errors, which say what one may type), a token with an
underscore is a code one may type (not_started), and so are the words of CODES-FILE's
lines that start with "help:" (the codes that options and positionals accept).
"""
import re
import sys

PRODUCTS = {w.lower() for w in """
    rashin SSH VDI CSV PDF KPI DX MFA JSON UTF BOM Excel LGWAN ICT AI PDCA CIO TOTP QR IT
    ID FY Gov Cloud Shift_JIS CP SHA LDIF Markdown md PostgreSQL OpenSSH RLS TERM LANG
    DB HH MM SS YYYY DD RPA HR LDAP URL OK BPR pgBackRest PgBouncer My Number
""".split()}

# The keys as their caps print them (tmux and ncurses name them so too).
KEYS = {w.lower() for w in """
    Esc Enter Tab BTab Space PgUp PgDn Home End Up Down Left Right Ins Del BS C M F
""".split()}

# Each with why it is not English to translate.
ALLOWED = {
    "ssh": "the ssh command line a screen shows to copy (ssh -p PORT login@host)",
    "p": "ssh's -p option in that line",
    "pub": "the .pub suffix of an OpenSSH public key file",
    "ed": "part of the key type ssh-ed25519 (OpenSSH's name)",
    "rsa": "the key type ssh-rsa (OpenSSH's name)",
    "ecdsa": "the key type ecdsa-sha2-nistp256 (OpenSSH's name)",
    "sha": "part of ecdsa-sha2-... and SHA256 fingerprints (OpenSSH's names)",
    "nistp": "part of ecdsa-sha2-nistp256 (OpenSSH's name)",
    "localhost": "a host name",
    "text": "the info string of a Markdown code fence (```text) in report's Markdown",
}

TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.'@/+-]*")


def load_codes(path):
    codes, help_codes, cmd_words = set(), set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("cmd:"):
                cmd_words.update(re.findall(r"[A-Za-z]+", line[4:]))
            elif line.startswith("help:"):
                help_codes.update(re.findall(r"[A-Za-z]+", line[5:]))
            elif line:
                codes.add(line)
                codes.update(p for p in re.split(r"[-._@/\s()]", line) if p)
    return codes, help_codes, cmd_words


def bad_words(line, codes, help_codes, cmd_words, help_mode):
    bad = []
    # a command's words are typed, not read: in help, in an error that names its
    # command ("rashin: staff set: ..."), on a line naming a screen to open (":mig")
    cmd_ok = help_mode or line.lstrip().startswith("rashin:") or re.search(r"(?<![A-Za-z0-9]):[a-z]", line)
    # options, and the ascii text between ` quotes is a command to type
    line = re.sub(r"(?<![A-Za-z0-9])--?[a-z][a-z0-9-]*", " ", line)
    for tok in TOKEN.findall(line):
        tok = tok.strip(".'-/+")
        if not tok or tok in codes or "/" in tok and "." in tok:   # a path
            continue
        if help_mode and "_" in tok:
            continue
        for part in re.split(r"[-._@/+']", tok):
            if not part or re.search(r"[0-9]", part) or len(part) == 1:
                continue
            if part in codes or part.lower() in PRODUCTS or part.lower() in ALLOWED \
                    or part.lower() in KEYS or (cmd_ok and part in cmd_words):
                continue
            if help_mode and part in help_codes:
                continue
            if line[line.find(part) + len(part):].startswith("…") and any(
                    w.startswith(part) for w in cmd_words):     # cut to fit
                continue
            if re.search(r"[0-9]", tok):
                continue
            bad.append(part)
    return bad


def main(argv):
    help_mode = "--help-mode" in argv
    args = [a for a in argv[1:] if a != "--help-mode"]
    codes, help_codes, cmd_words = load_codes(args[0])
    found = 0
    for line in sys.stdin.read().splitlines():
        if line.startswith("### "):     # the test's own marks
            continue
        bad = bad_words(line, codes, help_codes, cmd_words, help_mode)
        if bad:
            found = 1
            print("%s\t<- %s" % (line.rstrip(), " ".join(bad)))
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv))
