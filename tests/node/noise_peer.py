#!/usr/bin/env python3
"""An independent Noise_XX_25519_ChaChaPoly_SHA256 peer for tst_noise_interop, built on dissononce
(Debian's python3-dissononce), driven line by line over stdin/stdout.

Usage: noise_peer.py initiator|responder PROLOGUE_HEX

On start it generates a static key pair and prints "READY <static public key hex>". Then each input
line is one command, answered by exactly one output line ("ERROR <reason>" when it fails):

  WRITE <payload hex>     -> MESSAGE <handshake message hex>       (WriteMessage)
  READ <message hex>      -> PAYLOAD <payload hex>                 (ReadMessage)
  HASH                    -> HASH <handshake hash hex>
  REMOTE                  -> REMOTE <peer's static public key hex>
  ENCRYPT <plaintext hex> -> CIPHERTEXT <hex>   (after the handshake, with the sending CipherState)
  DECRYPT <ciphertext hex>-> PLAINTEXT <hex>    (with the receiving CipherState)
  REKEY_SEND / REKEY_RECEIVE -> OK              (Rekey() on one direction)
  QUIT                    -> BYE, then exit

An empty hex field is written as "-" so that every line has its fields.

dissononce 0.34.3 departs from the spec in Rekey() (Noise rev 34 §4.2, §5.1): its Cipher.rekey returns
the whole 48-byte ENCRYPT output instead of its first 32 bytes, and CipherState.rekey resets n to 0
through InitializeKey. The peer therefore gives dissononce the spec's REKEY through its Cipher.rekey hook
(SpecRekeyChaChaPoly) and puts n back afterwards (it counts each direction's messages itself), so only
dissononce's own public API is used and the cross-check covers rekeying too.
"""

import sys

from dissononce.cipher.chachapoly import ChaChaPolyCipher
from dissononce.dh.x25519.x25519 import X25519DH
from dissononce.hash.sha256 import SHA256Hash
from dissononce.processing.handshakepatterns.interactive.XX import XXHandshakePattern
from dissononce.processing.impl.cipherstate import CipherState
from dissononce.processing.impl.handshakestate import HandshakeState
from dissononce.processing.impl.symmetricstate import SymmetricState


class SpecRekeyChaChaPoly(ChaChaPolyCipher):
    def rekey(self, key):
        # REKEY(k) = the first 32 bytes of ENCRYPT(k, maxnonce, zerolen, zeros) (§4.2).
        return self.encrypt(key, 2**64 - 1, b"", bytes(32))[:32]


def decode(field):
    return b"" if field == "-" else bytes.fromhex(field)


def encode(data):
    return data.hex() if data else "-"


class Peer:
    def __init__(self, initiator, prologue):
        self.initiator = initiator
        self.handshake = HandshakeState(
            SymmetricState(CipherState(SpecRekeyChaChaPoly()), SHA256Hash()), X25519DH())
        self.static = X25519DH().generate_keypair()
        self.handshake.initialize(XXHandshakePattern(), initiator, prologue, s=self.static)
        self.send = None
        self.receive = None
        # Messages through each direction so far: n, which dissononce's rekey() would reset.
        self.sent = 0
        self.received = 0

    def finish(self, ciphers):
        # Split() returns (c1, c2): c1 carries initiator-to-responder traffic.
        if ciphers is not None:
            c1, c2 = ciphers
            self.send, self.receive = (c1, c2) if self.initiator else (c2, c1)

    def run(self, command, argument):
        if command == "WRITE":
            buffer = bytearray()
            self.finish(self.handshake.write_message(decode(argument), buffer))
            return "MESSAGE " + encode(bytes(buffer))
        if command == "READ":
            buffer = bytearray()
            self.finish(self.handshake.read_message(decode(argument), buffer))
            return "PAYLOAD " + encode(bytes(buffer))
        if command == "HASH":
            return "HASH " + self.handshake.symmetricstate.get_handshake_hash().hex()
        if command == "REMOTE":
            return "REMOTE " + self.handshake.rs.data.hex()
        if command == "ENCRYPT":
            ciphertext = self.send.encrypt_with_ad(b"", decode(argument))
            self.sent += 1
            return "CIPHERTEXT " + encode(ciphertext)
        if command == "DECRYPT":
            plaintext = self.receive.decrypt_with_ad(b"", decode(argument))
            self.received += 1
            return "PLAINTEXT " + encode(plaintext)
        if command == "REKEY_SEND":
            self.send.rekey()
            self.send.set_nonce(self.sent)
            return "OK"
        if command == "REKEY_RECEIVE":
            self.receive.rekey()
            self.receive.set_nonce(self.received)
            return "OK"
        raise ValueError("unknown command " + command)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("initiator", "responder"):
        sys.stderr.write("usage: noise_peer.py initiator|responder PROLOGUE_HEX\n")
        return 2
    peer = Peer(sys.argv[1] == "initiator", decode(sys.argv[2]))
    print("READY " + peer.static.public.data.hex(), flush=True)
    for line in sys.stdin:
        fields = line.split()
        if not fields:
            continue
        if fields[0] == "QUIT":
            print("BYE", flush=True)
            return 0
        try:
            answer = peer.run(fields[0], fields[1] if len(fields) > 1 else "-")
        except Exception as error:  # every failure goes back to the test as a line, never a hang
            answer = "ERROR " + type(error).__name__ + ": " + str(error).replace("\n", " ")
        print(answer, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
