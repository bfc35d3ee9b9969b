#!/usr/bin/python3
"""attack_ssh — a hostile raw SSH client for tests/ui/test_attack_ssh.sh.

Written from the protocol (RFC 4253/4252/4254, curve25519-sha256, aes256-gcm@openssh.com)
with python3-cryptography only, so it can send what no polite client sends. One attack
per run; after it, the client always tries to open a session channel and run `whoami`.
Prints one verdict line; exit 0 when no session was granted, 1 when one was, 2 when the
attack could not be run (no connection, key exchange failed).
  attack_ssh.py PORT MODE USER
MODE: success-first  USERAUTH_SUCCESS sent by the client before authenticating
                     (CVE-2018-10933 class)
      none | password | keyboard   those methods for USER
      long-user      a 60 000-byte user name
      long-blob      a publickey request with a 200 000-byte key blob
      garbage-key    a publickey request whose blob is not a key
      bad-signature  a publickey request with a real-looking key and a zero signature
"""
import hashlib
import os
import socket
import struct
import sys

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives import serialization

CIPHER = b"aes256-gcm@openssh.com"


def u32(n):
    return struct.pack(">I", n)


def sstr(b):
    if isinstance(b, str):
        b = b.encode()
    return u32(len(b)) + b


def mpint(b):
    b = b.lstrip(b"\x00")
    if b and b[0] & 0x80:
        b = b"\x00" + b
    return sstr(b)


class Closed(Exception):
    pass


class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=8)
        self.buf = b""
        self.enc = self.dec = None

    def recv_exact(self, n):
        while len(self.buf) < n:
            d = self.s.recv(65536)
            if not d:
                raise Closed("connection closed")
            self.buf += d
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def line(self):
        while b"\n" not in self.buf:
            d = self.s.recv(4096)
            if not d:
                raise Closed("closed before version")
            self.buf += d
        ln, self.buf = self.buf.split(b"\n", 1)
        return ln.rstrip(b"\r")

    def send(self, payload):
        bs = 16 if self.enc else 8
        pad = bs - (1 + len(payload) + (0 if self.enc else 4)) % bs
        if pad < 4:
            pad += bs
        body = bytes([pad]) + payload + os.urandom(pad)
        if self.enc is None:
            self.s.sendall(u32(len(body)) + body)
            return
        key, iv = self.enc
        hdr = u32(len(body))
        ct = AESGCM(key).encrypt(bytes(iv), body, hdr)
        self.s.sendall(hdr + ct)
        self.enc = (key, bump(iv))

    def recv(self):
        hdr = self.recv_exact(4)
        n = struct.unpack(">I", hdr)[0]
        if n > 400000:
            raise Closed("absurd packet length %d" % n)
        if self.dec is None:
            body = self.recv_exact(n)
        else:
            key, iv = self.dec
            body = AESGCM(key).decrypt(bytes(iv), self.recv_exact(n + 16), hdr)
            self.dec = (key, bump(iv))
        return body[1:len(body) - body[0]]

    def recv_skip(self):
        """Next packet that is not IGNORE, DEBUG, EXT_INFO or a global request."""
        while True:
            p = self.recv()
            if p[0] == 1:
                raise Closed("server sent DISCONNECT")
            if p[0] not in (2, 4, 7, 80):
                return p


def bump(iv):
    iv = bytearray(iv)
    ctr = int.from_bytes(iv[4:], "big") + 1
    iv[4:] = (ctr % (1 << 64)).to_bytes(8, "big")
    return iv


def kexinit():
    lists = [b"curve25519-sha256,curve25519-sha256@libssh.org",
             b"ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-256",
             CIPHER, CIPHER,
             b"hmac-sha2-256-etm@openssh.com", b"hmac-sha2-256-etm@openssh.com",
             b"none", b"none", b"", b""]
    return bytes([20]) + os.urandom(16) + b"".join(sstr(x) for x in lists) + b"\x00" + u32(0)


def handshake(port):
    c = Conn(port)
    vc = b"SSH-2.0-attack_1.0"
    c.s.sendall(vc + b"\r\n")
    while True:
        vs = c.line()
        if vs.startswith(b"SSH-"):
            break
    ic = kexinit()
    c.send(ic)
    is_ = c.recv()
    while is_[0] != 20:
        is_ = c.recv()
    priv = X25519PrivateKey.generate()
    qc = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    c.send(bytes([30]) + sstr(qc))
    r = c.recv()
    if r[0] != 31:
        raise Closed("no ECDH reply (%d)" % r[0])
    off = 1
    fields = []
    for _ in range(3):
        n = struct.unpack(">I", r[off:off + 4])[0]
        fields.append(r[off + 4:off + 4 + n])
        off += 4 + n
    ks, qs, _sig = fields
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    k = priv.exchange(X25519PublicKey.from_public_bytes(qs))
    h = hashlib.sha256(sstr(vc) + sstr(vs) + sstr(ic) + sstr(is_) + sstr(ks) + sstr(qc) +
                       sstr(qs) + mpint(k)).digest()
    kk = mpint(k)

    def derive(letter):
        return hashlib.sha256(kk + h + letter + h).digest()
    c.send(bytes([21]))
    p = c.recv()
    while p[0] != 21:
        p = c.recv()
    c.enc = (derive(b"C"), bytearray(derive(b"A")[:12]))
    c.dec = (derive(b"D"), bytearray(derive(b"B")[:12]))
    c.send(bytes([5]) + sstr("ssh-userauth"))
    p = c.recv_skip()
    if p[0] != 6:
        raise Closed("no SERVICE_ACCEPT (%d)" % p[0])
    return c


def userauth(user, method, rest=b""):
    return bytes([50]) + sstr(user) + sstr("ssh-connection") + sstr(method) + rest


def try_session(c):
    """True if a session channel opens and whoami prints anything."""
    c.send(bytes([90]) + sstr("session") + u32(0) + u32(1 << 21) + u32(32768))
    p = c.recv_skip()
    if p[0] != 91:
        print("channel open answered with message %d" % p[0])
        return False
    rid = struct.unpack(">I", p[5:9])[0]
    c.send(bytes([98]) + u32(rid) + sstr("exec") + b"\x01" + sstr("whoami"))
    while True:
        p = c.recv_skip()
        if p[0] in (94, 95):
            print("got data: %r" % p[9:80])
            return True
        if p[0] in (96, 97, 100):
            return False


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    port, mode, user = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    try:
        c = handshake(port)
    except (OSError, Closed, ValueError) as e:
        print("could not run: %s" % e)
        return 2
    granted = False
    try:
        reply = None
        if mode == "success-first":
            c.send(bytes([52]))
        elif mode == "none":
            c.send(userauth(user, "none"))
        elif mode == "password":
            c.send(userauth(user, "password", b"\x00" + sstr("secret")))
        elif mode == "keyboard":
            c.send(userauth(user, "keyboard-interactive", sstr("") + sstr("")))
        elif mode == "long-user":
            c.send(userauth("u" * 60000, "none"))
        elif mode == "long-blob":
            blob = sstr("ssh-ed25519") + sstr(b"A" * 200000)
            c.send(userauth(user, "publickey", b"\x00" + sstr("ssh-ed25519") + sstr(blob)))
        elif mode == "garbage-key":
            c.send(userauth(user, "publickey", b"\x00" + sstr("ssh-ed25519") + sstr(b"\xff" * 40)))
        elif mode == "bad-signature":
            blob = sstr("ssh-ed25519") + sstr(os.urandom(32))
            sig = sstr("ssh-ed25519") + sstr(b"\x00" * 64)
            c.send(userauth(user, "publickey", b"\x01" + sstr("ssh-ed25519") + sstr(blob) + sstr(sig)))
        else:
            print("unknown mode %s" % mode)
            return 2
        if mode != "success-first":
            reply = c.recv_skip()
            if reply[0] == 52:
                print("server said USERAUTH_SUCCESS")
                granted = True
            elif reply[0] == 60:
                print("server offered keyboard-interactive prompts")
            elif reply[0] == 51:
                n = struct.unpack(">I", reply[1:5])[0]
                print("refused; methods that can continue: %s" % reply[5:5 + n].decode())
        granted = try_session(c) or granted
    except (OSError, Closed, ValueError) as e:
        print("connection ended: %s" % e)
    except Exception as e:  # an AEAD tag failure and the like: the server did not grant
        print("connection ended: %s %s" % (e.__class__.__name__, e))
    print("GRANTED" if granted else "not granted")
    return 1 if granted else 0


if __name__ == "__main__":
    sys.exit(main())
