#!/bin/sh
# The layer guard (docs/architecture.md): for each layer, a folder holding a header for
# every path that layer may not include, each one an #error naming the rule. The
# Makefile puts a layer's folder first on the include path when it compiles that layer,
# so an upward include (direct, or through a header) stops the build.
#   sh tools/layers.sh OUTDIR
set -eu
out=${1:?usage: tools/layers.sh OUTDIR}
cd "$(dirname "$0")/.."

curses="curses.h ncurses.h ncursesw/curses.h ncursesw/ncurses.h term.h panel.h"
pq="libpq-fe.h"
ssh="libssh/libssh.h libssh/server.h libssh/callbacks.h"
hdrs() { for d in "$@"; do ls $d/*.h 2>/dev/null || true; done; }
wiring=$(hdrs backend)
tui=$(hdrs tui)
screens=$(hdrs screens)
store=$(hdrs backend/store)
cmd=$(hdrs backend/cmd)
sshd=$(hdrs backend/sshd)

# guard LAYER WHAT PATH...: PATH is off limits to LAYER (WHAT says which layer it is).
guard() {
	layer=$1; what=$2; shift 2
	for h in "$@"; do
		mkdir -p "$out/$layer/$(dirname "$h")"
		printf '#error "layers: %s/ may not include %s (%s; docs/architecture.md)"\n' \
		    "$layer" "$h" "$what" >"$out/$layer/$h"
	done
}

rm -rf "$out"
# lib: pure helpers (sshkeys parses keys with libssh; nothing here talks to a peer).
guard lib curses $curses;     guard lib tui $tui;         guard lib screens $screens
guard lib store $store;       guard lib cmd $cmd;         guard lib sshd $sshd
guard lib wiring $wiring;     guard lib libpq $pq
# store: the only code with SQL; knows nothing of terminals, commands or SSH.
guard store curses $curses;   guard store tui $tui;       guard store screens $screens
guard store cmd $cmd;         guard store sshd $sshd;     guard store wiring $wiring
guard store libssh $ssh
# cmd: `ssh host COMMAND`; calls the store (its libpq-free headers), holds no SQL, no libpq
# and no terminal code.
guard cmd curses $curses;     guard cmd tui $tui;         guard cmd screens $screens
guard cmd sshd $sshd;         guard cmd wiring $wiring;   guard cmd libssh $ssh
guard cmd libpq $pq
# sshd: the SSH server; hands a pty or a command to the wiring, never the database.
guard sshd curses $curses;    guard sshd tui $tui;        guard sshd screens $screens
guard sshd store $store;      guard sshd cmd $cmd;        guard sshd wiring $wiring
guard sshd libpq $pq
# tui: widgets over lib/ only (the paging contract is lib/page.h).
guard tui store $store;       guard tui cmd $cmd;         guard tui sshd $sshd
guard tui screens $screens;   guard tui wiring $wiring;   guard tui libpq $pq
guard tui libssh $ssh
# screens: the console's screens; no SSH, no wiring.
guard screens sshd $sshd;     guard screens wiring $wiring
guard screens libssh $ssh
