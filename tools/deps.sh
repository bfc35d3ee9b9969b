#!/bin/sh
# Install the Debian packages rashin needs to build, run and test, if any are missing.
# Quick and silent when everything is already there. Uses sudo when not root.
set -eu
PKGS="build-essential pkg-config gettext libncurses-dev libpq-dev libssh-dev libconfig-dev
libssl-dev libseccomp-dev libcmocka-dev libqrencode-dev postgresql postgresql-contrib tmux openssh-client
openssh-server procps psmisc iproute2 cppcheck libcairo2-dev libpango1.0-dev fonts-noto-cjk
poppler-utils python3-cryptography faketime pgbouncer pgbackrest"
[ "${1:-}" = fuzz ] && PKGS="clang libclang-rt-14-dev $PKGS"
# make ha-test: the standby and failover (Patroni with etcd; curl asks Patroni's REST API)
[ "${1:-}" = ha ] && PKGS="patroni etcd-server etcd-client curl $PKGS"
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
echo "rashin: installing missing packages:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "rashin: need root or sudo to install:$missing" >&2; exit 1; }
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Debian's postgresql package creates and starts a 'main' cluster, and pgbouncer's postinst
# tries to start its system service (in a container: "invoke-rc.d: policy-rc.d denied",
# harmless); rashin uses neither: its embedded cluster and its own PgBouncer (started by
# rashin with a config of its own, on a Unix socket under data_dir only, never TCP port 6432).
# pgbackrest: WAL archiving and backups of the embedded cluster (rashin writes its config).
$SUDO apt-get update -qq || { echo "rashin: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -qq --no-install-recommends $missing </dev/null >/dev/null || {
	echo "rashin: apt-get install failed for:$missing" >&2; exit 1; }
echo "rashin: packages installed"
