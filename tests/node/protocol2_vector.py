#!/usr/bin/env python3
"""Recomputes the protocol 2.0 transcript vector (tests/node/vectors/protocol2_transcript.json) with an
independent Noise implementation, dissononce (Debian's python3-dissononce), for tst_protocol2_vector.

Usage: protocol2_vector.py VECTOR_JSON|- [--check]

Only the vector's inputs are read: the prologue, both sides' static and ephemeral private keys, each
side's rekey limit, the three handshake payloads and the plaintext of each transport frame (the JSON
texts our code wrote). From them dissononce runs both roles of Noise_XX_25519_ChaChaPoly_SHA256 and the
script wraps each transport message in protocol 2.0's frame layout:

    frame = flags(1) || chunk || ...      chunk = u16be(len(ct)) || ct      (plaintext pieces <= 65519)
    flags = 0x01 when the sender rekeyed its sending CipherState just before this frame

A sender rekeys before a frame once it has sent rekey_after_frames frames since its last rekey.
The result goes to stdout as one JSON object (the same field names as the vector). With --check the
script also compares it with the vector's recorded values and exits 1 on any difference.

dissononce generates ephemeral keys itself (its HandshakeState refuses a preset e when it writes the e
token), so a fixed key goes in through its DH object: FixedEphemeralX25519DH.generate_keypair returns
the given private key's pair. Rekey uses the spec's REKEY (noise_peer.py explains dissononce's two
departures from it).
"""

import json
import sys

from dissononce.dh.x25519.private import PrivateKey
from dissononce.dh.x25519.x25519 import X25519DH
from dissononce.hash.sha256 import SHA256Hash
from dissononce.processing.handshakepatterns.interactive.XX import XXHandshakePattern
from dissononce.processing.impl.cipherstate import CipherState
from dissononce.processing.impl.handshakestate import HandshakeState
from dissononce.processing.impl.symmetricstate import SymmetricState

from noise_peer import SpecRekeyChaChaPoly

MAX_CHUNK_PLAINTEXT = 65535 - 16
REKEYED = 0x01


class FixedEphemeralX25519DH(X25519DH):
    """X25519 whose GENERATE_KEYPAIR returns one fixed ephemeral key pair (once)."""

    def __init__(self, ephemeral_private):
        super().__init__()
        self._ephemeral = ephemeral_private

    def generate_keypair(self, privatekey=None):
        if privatekey is not None:
            return super().generate_keypair(privatekey)
        if self._ephemeral is None:
            raise RuntimeError("a second ephemeral key was asked for")
        fixed, self._ephemeral = self._ephemeral, None
        return super().generate_keypair(PrivateKey(fixed))


class Side:
    def __init__(self, inputs, initiator, prologue):
        self.initiator = initiator
        self.static = X25519DH().generate_keypair(PrivateKey(bytes.fromhex(inputs["static_private"])))
        ephemeral = bytes.fromhex(inputs["ephemeral_private"])
        self.ephemeral_public = X25519DH().generate_keypair(PrivateKey(ephemeral)).public.data
        self.handshake = HandshakeState(SymmetricState(CipherState(SpecRekeyChaChaPoly()), SHA256Hash()),
                                        FixedEphemeralX25519DH(ephemeral))
        self.handshake.initialize(XXHandshakePattern(), initiator, prologue, s=self.static)
        self.rekey_after = int(inputs["rekey_after_frames"])
        self.send = self.receive = None
        self.sent = self.received = 0  # n of each direction, which dissononce's rekey() would reset
        self.sent_since_rekey = 0

    def finish(self, ciphers):
        if ciphers is not None:
            c1, c2 = ciphers  # c1 carries initiator-to-responder traffic
            self.send, self.receive = (c1, c2) if self.initiator else (c2, c1)

    def write(self, payload):
        buffer = bytearray()
        self.finish(self.handshake.write_message(payload, buffer))
        return bytes(buffer)

    def read(self, message):
        buffer = bytearray()
        self.finish(self.handshake.read_message(message, buffer))
        return bytes(buffer)

    def seal(self, plaintext):
        flags = 0
        if self.sent_since_rekey >= self.rekey_after:
            self.send.rekey()
            self.send.set_nonce(self.sent)
            flags |= REKEYED
            self.sent_since_rekey = 0
        nonce = self.sent
        frame = bytearray([flags])
        pieces = [plaintext[i:i + MAX_CHUNK_PLAINTEXT] for i in range(0, len(plaintext), MAX_CHUNK_PLAINTEXT)]
        for piece in pieces or [b""]:
            ciphertext = self.send.encrypt_with_ad(b"", piece)
            self.sent += 1
            frame += len(ciphertext).to_bytes(2, "big") + ciphertext
        self.sent_since_rekey += 1
        return bytes(frame), flags, nonce

    def open(self, frame):
        if frame[0] & ~REKEYED:
            raise ValueError("unknown frame flags")
        if frame[0] & REKEYED:
            self.receive.rekey()
            self.receive.set_nonce(self.received)
        plaintext, offset = b"", 1
        while offset < len(frame):
            length = int.from_bytes(frame[offset:offset + 2], "big")
            offset += 2
            plaintext += self.receive.decrypt_with_ad(b"", frame[offset:offset + length])
            self.received += 1
            offset += length
        return plaintext


def compact(text):
    """The JSON text written again compactly in its own key order: equal to it only if it was compact."""
    return json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False)


def recompute(vector):
    prologue = vector["prologue"].encode("ascii")
    client = Side(vector["client"], True, prologue)
    server = Side(vector["server"], False, prologue)
    out = {
        "protocol_name": client.handshake.protocol_name,
        "client": {"static_public": client.static.public.data.hex(), "ephemeral_public": client.ephemeral_public.hex()},
        "server": {"static_public": server.static.public.data.hex(), "ephemeral_public": server.ephemeral_public.hex()},
        "handshake": [],
        "frames": [],
    }
    for step in vector["handshake"]:
        writer, reader = (client, server) if step["direction"] == "client->server" else (server, client)
        payload = step["payload"].encode("utf-8")
        message = writer.write(payload)
        out["handshake"].append({"message": message.hex(), "payload_read": reader.read(message).decode("utf-8"),
                                 "payload_compact": not payload or compact(step["payload"]) == step["payload"]})
    out["handshake_hash"] = client.handshake.symmetricstate.get_handshake_hash().hex()
    out["handshake_hash_responder"] = server.handshake.symmetricstate.get_handshake_hash().hex()
    out["remote_static"] = {"client_saw": client.handshake.rs.data.hex(), "server_saw": server.handshake.rs.data.hex()}
    # dissononce keeps k private; the split keys are read before any rekey changes them.
    out["split"] = {"c1_client_to_server": client.send._key.hex(), "c2_server_to_client": client.receive._key.hex()}
    for entry in vector["frames"]:
        sender, receiver = (client, server) if entry["direction"] == "client->server" else (server, client)
        plaintext = entry["plaintext"].encode("utf-8")
        frame, flags, nonce = sender.seal(plaintext)
        out["frames"].append({"frame": frame.hex(), "flags": flags, "nonce": nonce,
                              "opened": receiver.open(frame).decode("utf-8"),
                              "plaintext_compact": compact(entry["plaintext"]) == entry["plaintext"]})
    return out


def differences(vector, out):
    found = []

    def expect(name, recorded, computed):
        if recorded != computed:
            found.append("%s: vector %r, dissononce %r" % (name, recorded, computed))

    expect("protocol_name", vector["protocol_name"], out["protocol_name"])
    for side in ("client", "server"):
        for key in ("static_public", "ephemeral_public"):
            expect(side + "." + key, vector[side][key], out[side][key])
    for i, (step, computed) in enumerate(zip(vector["handshake"], out["handshake"])):
        expect("handshake[%d].message" % i, step["message"], computed["message"])
        expect("handshake[%d].payload" % i, step["payload"], computed["payload_read"])
    expect("handshake_hash", vector["handshake_hash"], out["handshake_hash"])
    expect("handshake_hash (responder)", vector["handshake_hash"], out["handshake_hash_responder"])
    expect("split", vector.get("split"), out["split"])
    for i, (entry, computed) in enumerate(zip(vector["frames"], out["frames"])):
        for key in ("frame", "flags", "nonce"):
            expect("frames[%d].%s" % (i, key), entry[key], computed[key])
        expect("frames[%d].opened" % i, entry["plaintext"], computed["opened"])
    return found


def main():
    arguments = [a for a in sys.argv[1:] if a != "--check"]
    if len(arguments) != 1:
        sys.stderr.write("usage: protocol2_vector.py VECTOR_JSON|- [--check]\n")
        return 2
    if arguments[0] == "-":
        vector = json.load(sys.stdin)
    else:
        with open(arguments[0], encoding="utf-8") as file:
            vector = json.load(file)
    out = recompute(vector)
    print(json.dumps(out, indent=1))
    if "--check" in sys.argv[1:]:
        found = differences(vector, out)
        for line in found:
            sys.stderr.write("MISMATCH " + line + "\n")
        if found:
            return 1
        sys.stderr.write("dissononce reproduces the whole vector\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
